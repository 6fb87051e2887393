package org.caregrid.server;

import java.util.List;
import org.caregrid.alerting.AlertingConfig;
import org.caregrid.core.config.ConfigException;
import org.caregrid.core.config.ConfigTree;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.config.HttpConfig;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.dashboard.auth.AuthConfig;
import org.caregrid.dashboard.city.CityConfig;
import org.caregrid.dashboard.visit.VisitsConfig;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.server.cluster.ClusterConfig;
import org.caregrid.server.demo.DemoConfig;

/** Every section of the configuration, each bound by the record its module owns. */
public record Settings(
    NodeConfig node,
    DatabaseConfig database,
    MqttConfig mqtt,
    HttpConfig http,
    AuthConfig auth,
    CityConfig city,
    IngestConfig ingest,
    AlertingConfig alerting,
    VisitsConfig visits,
    DemoConfig demo,
    ClusterConfig cluster) {

  /** Binds all sections and refuses sections nobody reads (most likely a typo). */
  public static Settings bind(ConfigTree tree) {
    Settings s =
        new Settings(
            tree.bind("node", NodeConfig.class, NodeConfig.defaults()),
            tree.bind("database", DatabaseConfig.class, DatabaseConfig.defaults()),
            tree.bind("mqtt", MqttConfig.class, MqttConfig.defaults()),
            tree.bind("http", HttpConfig.class, HttpConfig.defaults()),
            tree.bind("auth", AuthConfig.class, AuthConfig.defaults()),
            tree.bind("city", CityConfig.class, CityConfig.defaults()),
            tree.bind("ingest", IngestConfig.class, IngestConfig.defaults()),
            tree.bind("alerting", AlertingConfig.class, AlertingConfig.defaults()),
            tree.bind("visits", VisitsConfig.class, VisitsConfig.defaults()),
            tree.bind("demo", DemoConfig.class, DemoConfig.defaults()),
            tree.bind("cluster", ClusterConfig.class, ClusterConfig.defaults()));
    List<String> unknown = tree.unboundSections();
    if (!unknown.isEmpty()) {
      throw new ConfigException("unknown section(s) in the configuration: " + unknown);
    }
    return s;
  }

  public Settings withDatabase(DatabaseConfig db) {
    return new Settings(node, db, mqtt, http, auth, city, ingest, alerting, visits, demo, cluster);
  }

  public Settings withMqtt(MqttConfig m) {
    return new Settings(
        node, database, m, http, auth, city, ingest, alerting, visits, demo, cluster);
  }

  public Settings withHttp(HttpConfig h) {
    return new Settings(
        node, database, mqtt, h, auth, city, ingest, alerting, visits, demo, cluster);
  }

  public Settings withCity(CityConfig c) {
    return new Settings(
        node, database, mqtt, http, auth, c, ingest, alerting, visits, demo, cluster);
  }

  public Settings withIngest(IngestConfig i) {
    return new Settings(node, database, mqtt, http, auth, city, i, alerting, visits, demo, cluster);
  }

  public Settings withAlerting(AlertingConfig a) {
    return new Settings(node, database, mqtt, http, auth, city, ingest, a, visits, demo, cluster);
  }
}

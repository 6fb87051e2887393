package org.caregrid.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caregrid.alerting.AlertingConfig;
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
import org.junit.jupiter.api.Test;

/** The sample caregrid.yaml documents every key, and every key in it binds. */
class SampleConfigTest {
  private static final Path SAMPLE = Path.of("..", "caregrid.yaml");

  @Test
  void everyKeyOfTheSampleBinds() {
    Settings fromSample = Settings.bind(ConfigTree.load(SAMPLE, Map.of()));
    Settings defaults = Settings.bind(ConfigTree.ofEnv(Map.of()));

    assertThat(fromSample).isEqualTo(defaults);
  }

  @Test
  void theSampleHasEveryKey() {
    List<String> all = new ArrayList<>();
    all.addAll(ConfigTree.keys("node", NodeConfig.defaults()));
    all.addAll(ConfigTree.keys("database", DatabaseConfig.defaults()));
    all.addAll(ConfigTree.keys("mqtt", MqttConfig.defaults()));
    all.addAll(ConfigTree.keys("http", HttpConfig.defaults()));
    all.addAll(ConfigTree.keys("auth", AuthConfig.defaults()));
    all.addAll(ConfigTree.keys("city", CityConfig.defaults()));
    all.addAll(ConfigTree.keys("ingest", IngestConfig.defaults()));
    all.addAll(ConfigTree.keys("alerting", AlertingConfig.defaults()));
    all.addAll(ConfigTree.keys("visits", VisitsConfig.defaults()));
    all.addAll(ConfigTree.keys("demo", DemoConfig.defaults()));
    all.addAll(ConfigTree.keys("cluster", ClusterConfig.defaults()));

    assertThat(ConfigTree.load(SAMPLE, Map.of()).fileKeys())
        .containsExactlyInAnyOrderElementsOf(all);
  }
}

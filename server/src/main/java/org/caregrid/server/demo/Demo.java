package org.caregrid.server.demo;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.EnumSet;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.embedded.EmbeddedBroker;
import org.caregrid.embedded.EmbeddedDatabase;
import org.caregrid.server.Launcher;
import org.caregrid.server.Role;
import org.caregrid.server.Settings;
import org.caregrid.sim.DistrictSimulation;
import org.caregrid.sim.district.District;
import org.caregrid.sim.district.DistrictGenerator;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on one machine with nothing installed: embedded PostgreSQL and MQTT broker,
 * every role, and a simulated district publishing readings. Data persists in the data folder.
 */
public final class Demo implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

  private EmbeddedDatabase database;
  private EmbeddedBroker broker;
  private Launcher launcher;
  private DistrictSimulation simulation;

  /** Starts everything; returns the console URL. */
  public String start(Settings settings) throws SQLException, MqttException, InterruptedException {
    DemoConfig demo = settings.demo();
    Ports.requireFree(settings.http().port(), "the console", "http.port");
    Ports.requireFree(demo.brokerPort(), "the embedded MQTT broker", "demo.broker-port");
    Ports.requireFree(demo.databasePort(), "the embedded PostgreSQL", "demo.database-port");
    Path data = Path.of(demo.dataDir()).toAbsolutePath();

    database = EmbeddedDatabase.start(data.resolve("postgres"), demo.databasePort());
    broker = EmbeddedBroker.start(data.resolve("broker"), demo.brokerPort());
    DatabaseConfig db = settings.database().withUrl(database.jdbcUrl("postgres"));
    Settings embedded = settings.withDatabase(db).withMqtt(settings.mqtt().withUrl(broker.url()));

    District district = new DistrictGenerator(demo.seed()).generate(2, demo.homes());
    // Enrol before the platform starts, so ingest's first registry load has the devices.
    try (HikariDataSource pool = DataSources.create(db, "demo-setup")) {
      Migrations.migrate(pool, db.storage());
      if (DistrictEnrolment.enrolOnce(pool, district)) {
        LOG.info(
            "Enrolled a simulated district: {} stations, {} homes",
            district.stations().size(),
            district.homes().size());
      }
      DemoStaff.createOnce(pool, district, settings.auth().bcryptCost());
    }
    LOG.info("{}", DemoStaff.signInHint(district));
    launcher = Launcher.start(embedded, EnumSet.allOf(Role.class));

    simulation = new DistrictSimulation(demo.seed());
    simulation.start(
        district, broker.url(), demo.reportEvery(), demo.firstEpisodeAfter(), demo.episodeEvery());
    return "http://localhost:" + launcher.httpPort() + "/";
  }

  /** Stops in reverse order: devices, platform, broker, database. */
  @Override
  public void close() {
    if (simulation != null) {
      simulation.close();
    }
    if (launcher != null) {
      launcher.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (database != null) {
      database.close();
    }
  }
}

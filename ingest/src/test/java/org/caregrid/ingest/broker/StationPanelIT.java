package org.caregrid.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.testing.BrokerLogin;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.TestMosquitto;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A station's panel, with the password {@code caregrid station-panel} issues, on the production
 * broker: it gets its own station's help requests and nothing else, and publishes nowhere.
 */
@Timeout(60)
class StationPanelIT {
  private static final String PLATFORM = "caregrid";
  private static final String PLATFORM_PASSWORD = "platform-secret";
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void aPanelReadsItsOwnStationsHelpRequestsOnlyAndPublishesNothing() throws Exception {
    DatabaseConfig database = TestServices.freshPlainDatabase();
    try (HikariDataSource registry = DataSources.create(database, "station-panel-it")) {
      // given two stations, each with a panel password, exported to the shipped configuration
      Migrations.migrate(registry, database.storage());
      RegistryFixture fixture = new RegistryFixture(registry);
      fixture.station("S1C1", "community", 0, 31.20, 121.40, 5);
      fixture.station("S1C2", "community", 0, 31.21, 121.41, 5);
      StationPanels panels = new StationPanels(registry);
      String ownPassword = panels.issue("S1C1");
      String otherPassword = panels.issue("S1C2");
      BrokerAuthExport.Result export =
          new BrokerAuthExport(registry, PLATFORM, PLATFORM_PASSWORD).writeTo(dir.resolve("auth"));
      assertThat(export.stationPanels()).isEqualTo(2);

      try (TestMosquitto broker = TestMosquitto.startDeployed(dir, dir.resolve("auth"));
          BrokerLogin panel = new BrokerLogin(broker.url(), "station.S1C1", ownPassword);
          BrokerLogin other = new BrokerLogin(broker.url(), "station.S1C2", otherPassword);
          BrokerLogin platform = new BrokerLogin(broker.url(), PLATFORM, PLATFORM_PASSWORD)) {
        // when the panel asks for its own topic and for wider ones
        int own = panel.subscribe("care/stations/S1C1/alerts");
        List<Integer> wider =
            List.of(
                panel.subscribe("care/stations/S1C2/alerts"),
                panel.subscribe("care/stations/+/alerts"),
                panel.subscribe("care/stations/#"),
                panel.subscribe("$share/g/care/stations/+/alerts"),
                panel.subscribe("care/+/telemetry"),
                panel.subscribe("#"));
        other.subscribe("care/stations/S1C2/alerts");
        // and the platform sends a help request to each station, the panel's last
        assertThat(platform.publish("care/stations/S1C2/alerts", "help for S1C2")).isZero();
        assertThat(platform.publish("care/stations/S1C1/alerts", "help for S1C1")).isZero();

        // then the panel gets only its own station's, refused the rest at SUBSCRIBE
        assertThat(own).isEqualTo(1);
        assertThat(wider).containsOnly(BrokerLogin.NOT_AUTHORIZED);
        await()
            .atMost(DEADLINE)
            .until(() -> panel.received().contains("care/stations/S1C1/alerts help for S1C1"));
        await()
            .atMost(DEADLINE)
            .until(() -> other.received().contains("care/stations/S1C2/alerts help for S1C2"));
        assertThat(panel.received()).containsExactly("care/stations/S1C1/alerts help for S1C1");

        // and it may publish nowhere, not even on its own station's topic
        assertThat(
                List.of(
                    panel.publish("care/stations/S1C1/alerts", "forged"),
                    panel.publish("care/stations/S1C2/alerts", "forged"),
                    panel.publish("care/bed-1/cmd", "forged"),
                    panel.publish("care/station.S1C1/telemetry", "forged")))
            .containsOnly(BrokerLogin.NOT_AUTHORIZED);
        platform.publish("care/stations/S1C2/alerts", "marker");
        await()
            .atMost(DEADLINE)
            .until(() -> other.received().contains("care/stations/S1C2/alerts marker"));
        assertThat(other.received())
            .containsExactly(
                "care/stations/S1C2/alerts help for S1C2", "care/stations/S1C2/alerts marker");
      }
    }
  }
}

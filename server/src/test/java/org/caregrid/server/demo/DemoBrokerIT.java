package org.caregrid.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.embedded.EmbeddedBroker;
import org.caregrid.sim.district.District;
import org.caregrid.sim.district.DistrictEnrolment;
import org.caregrid.sim.district.DistrictGenerator;
import org.caregrid.testing.BrokerLogin;
import org.caregrid.testing.FreePorts;
import org.caregrid.testing.TestServices;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's embedded broker, set up as the demo sets it up (a simulated district, {@link
 * DemoBroker}'s logins), with real clients: only the accounts production has get in, each held to
 * production's rules, so no device reads help requests or joins ingest's share group.
 */
@Timeout(60)
class DemoBrokerIT {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;

  @TempDir static Path home;
  private static HikariDataSource registry;
  private static DemoBroker.Logins logins;
  private static EmbeddedBroker broker;
  private static String deviceA;
  private static String deviceB;
  private final List<BrokerLogin> clients = new ArrayList<>();

  @BeforeAll
  static void startAsTheDemoDoes() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    registry = DataSources.create(database, "demo-broker-it");
    Migrations.migrate(registry, database.storage());
    District district = new DistrictGenerator(1).generate(4);
    DistrictEnrolment.enrolOnce(registry, district);
    logins = DemoBroker.logins(registry, district, "");
    broker = EmbeddedBroker.start(home, FreePorts.tcp(), logins.access());
    List<String> devices = logins.devices().keySet().stream().sorted().toList();
    deviceA = devices.get(0);
    deviceB = devices.get(1);
  }

  @AfterAll
  static void stop() {
    broker.close();
    registry.close();
  }

  @AfterEach
  void disconnect() throws MqttException {
    for (BrokerLogin client : clients) {
      client.close();
    }
  }

  @Test
  void refusesAnonymousClientsAndWrongPasswords() {
    assertThatThrownBy(() -> login(null, null))
        .isInstanceOfSatisfying(
            MqttException.class,
            e ->
                assertThat(e.getReasonCode())
                    .isIn(BrokerLogin.NOT_AUTHORIZED, BAD_USER_NAME_OR_PASSWORD));
    assertThatThrownBy(() -> login(deviceA, null)).isInstanceOf(MqttException.class);
    assertThatThrownBy(() -> login(deviceA, logins.devices().get(deviceB)))
        .isInstanceOfSatisfying(
            MqttException.class,
            e ->
                assertThat(e.getReasonCode())
                    .isIn(BrokerLogin.NOT_AUTHORIZED, BAD_USER_NAME_OR_PASSWORD));
    assertThatThrownBy(() -> login("intruder", "guess")).isInstanceOf(MqttException.class);
  }

  @Test
  void aDeviceCannotPublishAsAnotherNorOutsideItsUplink() throws Exception {
    // given the platform in ingest's share group
    BrokerLogin platform = platform();
    assertThat(platform.subscribe("$share/ingest/care/+/telemetry")).isEqualTo(1);

    // when device A publishes as B, as a station and as the platform, each on a connection of its
    // own (HiveMQ closes a connection after a refused PUBLISH; Mosquitto keeps it), then as itself
    List<Integer> refused = new ArrayList<>();
    for (String topic :
        List.of(
            "care/" + deviceB + "/telemetry",
            "care/" + deviceB + "/event",
            "care/stations/S1C1/alerts",
            "care/" + deviceB + "/cmd")) {
      refused.add(login(deviceA, logins.devices().get(deviceA)).publish(topic, "forged"));
    }
    int own =
        login(deviceA, logins.devices().get(deviceA))
            .publish("care/" + deviceA + "/telemetry", "marker");

    // then
    assertThat(refused).containsOnly(BrokerLogin.NOT_AUTHORIZED);
    assertThat(own).isZero();
    await()
        .atMost(DEADLINE)
        .until(() -> platform.received().contains("care/" + deviceA + "/telemetry marker"));
    assertThat(platform.received()).containsExactly("care/" + deviceA + "/telemetry marker");
  }

  @Test
  void aDeviceCannotSubscribeToHelpRequestsShareGroupsOrOthersTopics() throws Exception {
    BrokerLogin a = login(deviceA, logins.devices().get(deviceA));
    String station = logins.panelStation().orElseThrow();

    List<Integer> answers =
        List.of(
            a.subscribe("care/stations/+/alerts"),
            a.subscribe("care/stations/" + station + "/alerts"),
            a.subscribe("care/stations/#"),
            a.subscribe("$share/ingest/care/+/telemetry"),
            a.subscribe("$share/ingest/care/+/event"),
            a.subscribe("$share/ingest/care/+/status"),
            a.subscribe("$share/ingest/#"),
            a.subscribe("$share/other/care/" + deviceA + "/cmd"),
            a.subscribe("care/#"),
            a.subscribe("#"),
            a.subscribe("care/+/telemetry"),
            a.subscribe("care/" + deviceB + "/cmd"),
            a.subscribe("care/" + deviceA + "/#"));

    assertThat(answers).containsOnly(BrokerLogin.NOT_AUTHORIZED);
    assertThat(a.subscribe("care/" + deviceA + "/cmd")).isEqualTo(1);
  }

  @Test
  void aStationPanelReadsItsOwnHelpRequestsAndPublishesNothing() throws Exception {
    String station = logins.panelStation().orElseThrow();
    BrokerLogin panel = login("station." + station, logins.panelPassword());
    BrokerLogin platform = platform();

    assertThat(panel.subscribe("care/stations/+/alerts")).isEqualTo(BrokerLogin.NOT_AUTHORIZED);
    assertThat(panel.subscribe("care/stations/" + station + "/alerts")).isEqualTo(1);
    platform.publish("care/stations/" + station + "/alerts", "help");

    await()
        .atMost(DEADLINE)
        .until(() -> panel.received().contains("care/stations/" + station + "/alerts help"));
    assertThat(
            List.of(
                login("station." + station, logins.panelPassword())
                    .publish("care/stations/" + station + "/alerts", "forged"),
                login("station." + station, logins.panelPassword())
                    .publish("care/" + deviceA + "/cmd", "forged")))
        .containsOnly(BrokerLogin.NOT_AUTHORIZED);
  }

  private BrokerLogin platform() throws MqttException {
    MqttConfig platform = logins.platform(broker.url());
    return login(platform.username(), platform.password());
  }

  private BrokerLogin login(String user, String password) throws MqttException {
    BrokerLogin client = new BrokerLogin(broker.url(), user, password);
    clients.add(client);
    return client;
  }
}

package org.caregrid.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.DeviceCredentials;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.testing.BrokerLogin;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestMosquitto;
import org.caregrid.testing.TestServices;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The exported file, loaded by a real Mosquitto on the shipped configuration. */
@Timeout(60)
class BrokerAuthExportIT {
  private static final String PLATFORM = "caregrid";
  private static final String PLATFORM_PASSWORD = "platform-secret";
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;

  @TempDir Path dir;
  private HikariDataSource dataSource;
  private BrokerAuthExport export;
  private DeviceCredentials bedA;
  private DeviceCredentials bedB;
  private TestMosquitto broker;
  private final List<BrokerLogin> logins = new ArrayList<>();

  @BeforeEach
  void enrol() throws Exception {
    DatabaseConfig database = TestServices.freshPlainDatabase();
    dataSource = DataSources.create(database, "broker-auth-it");
    Migrations.migrate(dataSource, database.storage());
    RegistryFixture registry = new RegistryFixture(dataSource);
    int resident = registry.resident("Wang Fang");
    bedA = DeviceCredentials.issue(new DeviceId("bed-a"));
    bedB = DeviceCredentials.issue(new DeviceId("bed-b"));
    // enrolled out of order, so that the export has to sort
    registry.device("bed-b", DeviceKind.CARE_BED, resident, bedB.hash());
    registry.device("bed-a", DeviceKind.CARE_BED, resident, bedA.hash());
    registry.device("pendant-unprovisioned", DeviceKind.SOS_PENDANT, resident);
    registry.device(
        "bed-retired",
        DeviceKind.CARE_BED,
        resident,
        DeviceCredentials.issue(new DeviceId("bed-retired")).hash());
    Sql.execute(dataSource, "UPDATE device SET active = false WHERE uid = 'bed-retired'");
    export = new BrokerAuthExport(dataSource, PLATFORM, PLATFORM_PASSWORD);
  }

  @AfterEach
  void stop() throws Exception {
    for (BrokerLogin login : logins) {
      login.close();
    }
    if (broker != null) {
      broker.close();
    }
    dataSource.close();
  }

  @Test
  void exportsActiveDevicesWithCredentialsInIdOrderToAnOwnerOnlyFile() throws Exception {
    // when
    BrokerAuthExport.Result result = export.writeTo(dir);

    // then: the platform, then bed-a and bed-b; not the retired bed nor the one without a password
    assertThat(result.devices()).isEqualTo(2);
    assertThat(result.skipped()).isEmpty();
    JsonObject file = new JsonObject(Files.readString(result.file()));
    assertThat(
            file.getJsonArray("clients").stream().map(c -> ((JsonObject) c).getString("username")))
        .containsExactly(PLATFORM, "bed-a", "bed-b");
    JsonObject clientA = file.getJsonArray("clients").getJsonObject(1);
    assertThat("$7$101$" + clientA.getString("salt") + "$" + clientA.getString("password"))
        .isEqualTo(bedA.hash());
    assertThat(rulesOf(file, "device:bed-a"))
        .containsExactly(
            "publishClientSend care/bed-a/telemetry",
            "publishClientSend care/bed-a/event",
            "publishClientSend care/bed-a/status",
            "subscribeLiteral care/bed-a/cmd",
            "publishClientReceive care/bed-a/cmd");
    assertThat(file.getJsonObject("defaultACLAccess").getMap())
        .containsEntry("subscribe", false)
        .containsEntry("publishClientReceive", false)
        .containsEntry("publishClientSend", false);
    assertThat(file.encode()).doesNotContain("bed-retired", "pendant-unprovisioned");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(result.file())))
        .isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(result.file());
    }
  }

  @Test
  void exportingAnUnchangedRegistryAgainChangesNoByte() throws Exception {
    // given
    byte[] first = Files.readAllBytes(export.writeTo(dir).file());

    // when
    byte[] second = Files.readAllBytes(export.writeTo(dir).file());

    // then: even the platform's salted hash is kept while its password is the same
    assertThat(second).isEqualTo(first);
  }

  @Test
  void leavesOutAndNamesDevicesTheBrokerCouldNotLoad() throws Exception {
    // given: an id no device may have, and a hash in a format Mosquitto 2.0 does not read
    Sql.execute(
        dataSource,
        "INSERT INTO device (uid, kind, home_id, resident_id, credential_hash)"
            + " SELECT 'bed/#', 'care_bed', home_id, id, '"
            + bedA.hash()
            + "' FROM resident");
    Sql.execute(
        dataSource,
        "INSERT INTO device (uid, kind, home_id, resident_id, credential_hash)"
            + " SELECT 'bed-c', 'care_bed', home_id, id, 'plain-text' FROM resident");

    // when
    BrokerAuthExport.Result result = export.writeTo(dir);

    // then
    assertThat(result.devices()).isEqualTo(2);
    assertThat(result.skipped()).hasSize(2).anyMatch(s -> s.contains("bed/#"));
    assertThat(result.skipped()).anyMatch(s -> s.startsWith("device bed-c:"));
    assertThat(Files.readString(result.file())).doesNotContain("bed/#", "bed-c");
  }

  @Test
  void thePlatformReceivesADevicesTelemetryThroughASharedSubscription() throws Exception {
    // given
    startBroker();
    BrokerLogin platform = login(PLATFORM, PLATFORM_PASSWORD);
    assertThat(platform.subscribe("$share/g/care/+/telemetry")).isEqualTo(1);
    BrokerLogin deviceA = login("bed-a", bedA.secret());

    // when
    int answer = deviceA.publish("care/bed-a/telemetry", "reading 1");

    // then
    assertThat(answer).isZero();
    await()
        .atMost(DEADLINE)
        .until(() -> platform.received().contains("care/bed-a/telemetry reading 1"));
  }

  @Test
  void aDeviceCannotPublishAsAnother() throws Exception {
    // given
    startBroker();
    BrokerLogin platform = login(PLATFORM, PLATFORM_PASSWORD);
    platform.subscribe("$share/g/care/+/telemetry");
    BrokerLogin deviceA = login("bed-a", bedA.secret());

    // when: bed-a publishes on bed-b's topic, then a marker on its own
    int forged = deviceA.publish("care/bed-b/telemetry", "forged");
    deviceA.publish("care/bed-a/telemetry", "marker");

    // then: the broker says no, and the forged message was not delivered before the marker
    assertThat(forged).isEqualTo(BrokerLogin.NOT_AUTHORIZED);
    await()
        .atMost(DEADLINE)
        .until(() -> platform.received().contains("care/bed-a/telemetry marker"));
    assertThat(platform.received()).containsExactly("care/bed-a/telemetry marker");
  }

  @Test
  void aDeviceMaySubscribeToItsOwnCommandsOnly() throws Exception {
    // given
    startBroker();
    BrokerLogin deviceB = login("bed-b", bedB.secret());
    BrokerLogin deviceA = login("bed-a", bedA.secret());
    BrokerLogin platform = login(PLATFORM, PLATFORM_PASSWORD);

    // when bed-b asks for everything under care/, then for its own commands
    int everything = deviceB.subscribe("care/#");
    int own = deviceB.subscribe("care/bed-b/cmd");
    deviceA.publish("care/bed-a/telemetry", "reading 1");
    platform.publish("care/bed-a/cmd", "for a");
    platform.publish("care/bed-b/cmd", "for b");

    // then: only its own command, and nothing of bed-a's before it
    assertThat(everything).isEqualTo(BrokerLogin.NOT_AUTHORIZED);
    assertThat(own).isEqualTo(1);
    await().atMost(DEADLINE).until(() -> deviceB.received().contains("care/bed-b/cmd for b"));
    assertThat(deviceB.received()).containsExactly("care/bed-b/cmd for b");
  }

  @Test
  void aWrongPasswordIsRefusedAtConnect() throws Exception {
    startBroker();

    assertThatThrownBy(() -> login("bed-a", bedB.secret()))
        .isInstanceOfSatisfying(
            MqttException.class,
            e ->
                assertThat(e.getReasonCode())
                    .isIn(BrokerLogin.NOT_AUTHORIZED, BAD_USER_NAME_OR_PASSWORD));
  }

  @Test
  void anUnknownUserIsRefusedAtConnect() throws Exception {
    startBroker();

    // bed-retired is enrolled but inactive, so the broker has never heard of it
    assertThatThrownBy(() -> login("bed-retired", bedA.secret()))
        .isInstanceOfSatisfying(
            MqttException.class,
            e ->
                assertThat(e.getReasonCode())
                    .isIn(BrokerLogin.NOT_AUTHORIZED, BAD_USER_NAME_OR_PASSWORD));
  }

  /** "acltype topic" of each rule of {@code role}, in file order. */
  private static List<String> rulesOf(JsonObject file, String role) {
    JsonArray roles = file.getJsonArray("roles");
    for (int i = 0; i < roles.size(); i++) {
      JsonObject r = roles.getJsonObject(i);
      if (role.equals(r.getString("rolename"))) {
        return r.getJsonArray("acls").stream()
            .map(a -> (JsonObject) a)
            .map(a -> a.getString("acltype") + " " + a.getString("topic"))
            .toList();
      }
    }
    throw new AssertionError("no role " + role);
  }

  /** Exports, then runs Mosquitto with the shipped configuration on the exported file. */
  private void startBroker() throws Exception {
    export.writeTo(dir.resolve("auth"));
    broker = TestMosquitto.startDeployed(dir, dir.resolve("auth"));
  }

  private BrokerLogin login(String user, String password) throws MqttException {
    BrokerLogin login = new BrokerLogin(broker.url(), user, password);
    logins.add(login);
    return login;
  }
}

package org.caregrid.ingest.broker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.DeviceCredentials;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestMosquitto;
import org.caregrid.testing.TestServices;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The exported files, loaded by a real Mosquitto: a device publishes only as itself. */
@Timeout(60)
class BrokerAuthExportIT {
  private static final String PLATFORM = "caregrid";
  private static final String PLATFORM_PASSWORD = "platform-secret";
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final int NOT_AUTHORIZED = 0x87;
  private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;

  @TempDir Path dir;
  private HikariDataSource dataSource;
  private BrokerAuthExport export;
  private DeviceCredentials bedA;
  private DeviceCredentials bedB;
  private TestMosquitto broker;
  private String brokerUrl;
  private final List<MqttAsyncClient> clients = new ArrayList<>();

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
    for (MqttAsyncClient client : clients) {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close();
    }
    if (broker != null) {
      broker.close();
    }
    dataSource.close();
  }

  @Test
  void exportsActiveDevicesWithCredentialsInIdOrderToOwnerOnlyFiles() throws Exception {
    // when
    BrokerAuthExport.Result result = export.writeTo(dir);

    // then: the platform, then bed-a and bed-b; not the retired bed nor the one without a password
    assertThat(result.devices()).isEqualTo(2);
    assertThat(result.skipped()).isEmpty();
    assertThat(Files.readAllLines(result.passwordFile()))
        .extracting(line -> line.substring(0, line.indexOf(':')))
        .containsExactly(PLATFORM, "bed-a", "bed-b");
    assertThat(Files.readAllLines(result.passwordFile())).contains("bed-a:" + bedA.hash());
    assertThat(Files.readString(result.aclFile()))
        .contains(
            """
            user bed-a
            topic write care/bed-a/telemetry
            topic write care/bed-a/event
            topic write care/bed-a/status
            topic read care/bed-a/cmd
            """)
        .doesNotContain("bed-retired", "pendant-unprovisioned");
    for (Path file : List.of(result.passwordFile(), result.aclFile())) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactlyInAnyOrder(result.passwordFile(), result.aclFile());
    }
  }

  @Test
  void exportingAnUnchangedRegistryAgainChangesNoByte() throws Exception {
    // given
    BrokerAuthExport.Result first = export.writeTo(dir);
    byte[] passwords = Files.readAllBytes(first.passwordFile());
    byte[] acl = Files.readAllBytes(first.aclFile());

    // when
    BrokerAuthExport.Result second = export.writeTo(dir);

    // then: even the platform's salted hash is kept while its password is the same
    assertThat(Files.readAllBytes(second.passwordFile())).isEqualTo(passwords);
    assertThat(Files.readAllBytes(second.aclFile())).isEqualTo(acl);
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
    assertThat(result.skipped()).anyMatch(s -> s.startsWith("bed-c:"));
    assertThat(Files.readString(result.aclFile())).doesNotContain("bed/#", "bed-c");
  }

  @Test
  void thePlatformReceivesADevicesTelemetryThroughASharedSubscription() throws Exception {
    // given
    startBroker();
    Inbox platform = subscribedPlatform();
    MqttAsyncClient deviceA = connect("bed-a", bedA.secret(), new Inbox());

    // when
    IMqttToken sent = deviceA.publish("care/bed-a/telemetry", message("reading 1"));
    sent.waitForCompletion(DEADLINE.toMillis());

    // then
    assertThat(sent.getReasonCodes()).containsExactly(0);
    await()
        .atMost(DEADLINE)
        .until(() -> platform.messages().contains("care/bed-a/telemetry reading 1"));
  }

  @Test
  void aDeviceCannotPublishAsAnother() throws Exception {
    // given
    startBroker();
    Inbox platform = subscribedPlatform();
    MqttAsyncClient deviceA = connect("bed-a", bedA.secret(), new Inbox());

    // when: bed-a publishes on bed-b's topic, then a marker on its own
    IMqttToken forged = deviceA.publish("care/bed-b/telemetry", message("forged"));
    forged.waitForCompletion(DEADLINE.toMillis());
    deviceA.publish("care/bed-a/telemetry", message("marker")).waitForCompletion(5_000);

    // then: the broker says no, and the forged message was not delivered before the marker
    assertThat(forged.getReasonCodes()).containsExactly(NOT_AUTHORIZED);
    await()
        .atMost(DEADLINE)
        .until(() -> platform.messages().contains("care/bed-a/telemetry marker"));
    assertThat(platform.messages()).containsExactly("care/bed-a/telemetry marker");
  }

  @Test
  void aDeviceReceivesOnlyItsOwnCommandsWhateverItSubscribesTo() throws Exception {
    // given: bed-b asks for everything under care/
    startBroker();
    Inbox inboxB = new Inbox();
    MqttAsyncClient deviceB = connect("bed-b", bedB.secret(), inboxB);
    deviceB.subscribe("care/#", 1).waitForCompletion(DEADLINE.toMillis());
    MqttAsyncClient deviceA = connect("bed-a", bedA.secret(), new Inbox());
    MqttAsyncClient platform = connect(PLATFORM, PLATFORM_PASSWORD, new Inbox());

    // when
    deviceA.publish("care/bed-a/telemetry", message("reading 1")).waitForCompletion(5_000);
    platform.publish("care/bed-a/cmd", message("for a")).waitForCompletion(5_000);
    platform.publish("care/bed-b/cmd", message("for b")).waitForCompletion(5_000);

    // then: only its own command, and nothing of bed-a's before it
    await().atMost(DEADLINE).until(() -> inboxB.messages().contains("care/bed-b/cmd for b"));
    assertThat(inboxB.messages()).containsExactly("care/bed-b/cmd for b");
  }

  @Test
  void aWrongPasswordIsRefusedAtConnect() throws Exception {
    startBroker();

    assertThatThrownBy(() -> connect("bed-a", bedB.secret(), new Inbox()))
        .isInstanceOfSatisfying(
            MqttException.class,
            e -> assertThat(e.getReasonCode()).isIn(NOT_AUTHORIZED, BAD_USER_NAME_OR_PASSWORD));
  }

  @Test
  void anUnknownUserIsRefusedAtConnect() throws Exception {
    startBroker();

    // bed-retired is enrolled but inactive, so the broker has never heard of it
    assertThatThrownBy(() -> connect("bed-retired", bedA.secret(), new Inbox()))
        .isInstanceOfSatisfying(
            MqttException.class,
            e -> assertThat(e.getReasonCode()).isIn(NOT_AUTHORIZED, BAD_USER_NAME_OR_PASSWORD));
  }

  /** Exports, then runs Mosquitto on a free loopback port with the exported files. */
  private void startBroker() throws Exception {
    BrokerAuthExport.Result files = export.writeTo(dir.resolve("auth"));
    broker =
        TestMosquitto.start(
            dir,
            List.of(
                "allow_anonymous false",
                "password_file " + files.passwordFile(),
                "acl_file " + files.aclFile(),
                // Started as root, Mosquitto switches to its own user, who cannot read the files
                // this test's user owns with mode 0600; started as anyone else, it ignores this.
                "user " + System.getProperty("user.name")));
    brokerUrl = broker.url();
  }

  private Inbox subscribedPlatform() throws MqttException {
    Inbox inbox = new Inbox();
    MqttAsyncClient platform = connect(PLATFORM, PLATFORM_PASSWORD, inbox);
    platform.subscribe("$share/g/care/+/telemetry", 1).waitForCompletion(DEADLINE.toMillis());
    return inbox;
  }

  private MqttAsyncClient connect(String user, String password, Inbox inbox) throws MqttException {
    MqttAsyncClient client =
        new MqttAsyncClient(brokerUrl, user + "-" + clients.size(), new MemoryPersistence());
    clients.add(client);
    client.setCallback(inbox);
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setUserName(user);
    options.setPassword(password.getBytes(UTF_8));
    client.connect(options).waitForCompletion(DEADLINE.toMillis());
    return client;
  }

  private static MqttMessage message(String text) {
    MqttMessage message = new MqttMessage(text.getBytes(UTF_8));
    message.setQos(1);
    return message;
  }

  /** What one client received, as "topic payload", in arrival order. */
  private static final class Inbox implements MqttCallback {
    private final List<String> messages = new CopyOnWriteArrayList<>();

    List<String> messages() {
      return messages;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      messages.add(topic + " " + new String(message.getPayload(), UTF_8));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}

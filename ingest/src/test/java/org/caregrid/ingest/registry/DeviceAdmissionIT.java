package org.caregrid.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.search.Search;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.ingest.IngestRole;
import org.caregrid.ingest.store.CopyFormat;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestDevices;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A device works the moment its enrolment commits and stops the moment it is deactivated, over MQTT
 * (Paho) and CoAP over DTLS (Californium), with the registry's whole reload far away (30 s).
 */
@ExtendWith(VertxExtension.class)
@Timeout(90)
class DeviceAdmissionIT {
  private static final byte[] KEY = "pendant-9-secret".getBytes(StandardCharsets.US_ASCII);

  private TestNode node;
  private IngestRole ingest;
  private TestDevices devices;
  private RegistryFixture registry;
  private int resident;
  private final List<CoapClient> clients = new ArrayList<>();
  private final List<CoapEndpoint> endpoints = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    node = TestNode.start(vertx, TestServices.freshDatabase());
    registry = new RegistryFixture(node.dataSource());
    resident = registry.resident("Wang Fang");
    String unique = UUID.randomUUID().toString().substring(0, 8);
    IngestConfig defaults = IngestConfig.defaults();
    IngestConfig config =
        defaults
            .withMqtt(
                new IngestConfig.Mqtt(
                    1, "adm-" + unique, "adm" + unique, 100, Duration.ofSeconds(10)))
            .withCoap(
                new IngestConfig.Coap(
                    true, "127.0.0.1", 0, 0, false, Duration.ofMillis(500), Duration.ofSeconds(7)))
            .withWriter(
                new IngestConfig.Writer(4, Duration.ofMillis(20), 1, 64, CopyFormat.BINARY));
    assertThat(config.registryRefresh()).isEqualTo(Duration.ofSeconds(30));
    ingest = new IngestRole(node.node(), TestServices.broker(), config);
    ingest.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    devices = new TestDevices(TestServices.broker().url());
  }

  @AfterEach
  void stop() throws Exception {
    clients.forEach(CoapClient::shutdown);
    endpoints.forEach(CoapEndpoint::destroy);
    devices.close();
    ingest.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    node.close();
  }

  @Test
  void aDeviceWorksOnceEnrolledAndStopsOnceDeactivatedOverMqtt() throws Exception {
    // given a pendant enrolled after ingest started
    enrol("pendant-9");

    // when it sends at once, then it is stored: the registry asked the database
    devices.publish("care/pendant-9/telemetry", telemetry(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> readings("pendant-9") == 1);
    assertThat(rejected("unknown_device")).isZero();

    // when it is deactivated, and ingest has heard so
    deactivate("pendant-9");
    awaitRefused("pendant-9");
    devices.publish("care/pendant-9/telemetry", telemetry(2));

    // then its next message is refused, not stored
    await().atMost(Duration.ofSeconds(10)).until(() -> rejected("unknown_device") == 1);
    assertThat(readings("pendant-9")).isEqualTo(1);
  }

  @Test
  void aDeviceConnectsOverDtlsOnceEnrolledAndNoLongerOnceDeactivated() throws Exception {
    // given a pendant with a key, enrolled after ingest started
    enrol("pendant-9");

    // when it connects and posts at once, the handshake and the reading go through
    CoapClient client = dtlsClient("pendant-9", KEY);
    CoapResponse first = client.post(telemetry(1), MediaTypeRegistry.APPLICATION_JSON);
    assertThat(first).isNotNull();
    assertThat(first.getCode()).isEqualTo(ResponseCode.CHANGED);
    assertThat(readings("pendant-9")).isEqualTo(1);

    // when it is deactivated, and ingest has heard so
    deactivate("pendant-9");
    awaitRefused("pendant-9");

    // then its open session is refused 4.01, and a new handshake with its key fails
    CoapResponse next = client.post(telemetry(2), MediaTypeRegistry.APPLICATION_JSON);
    assertThat(next.getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
    CoapResponse fresh =
        dtlsClient("pendant-9", KEY).post(telemetry(3), MediaTypeRegistry.APPLICATION_JSON);
    assertThat(fresh).isNull();
    assertThat(readings("pendant-9")).isEqualTo(1);
  }

  @Test
  void aDeviceTriedBeforeItsEnrolmentWorksAsSoonAsItIsEnrolled() throws Exception {
    // given a device refused as unknown, and so remembered for a few seconds
    devices.publish("care/pendant-9/telemetry", telemetry(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> rejected("unknown_device") == 1);

    // when it is enrolled, ingest hears of it well before what it remembered expires
    enrol("pendant-9");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ingest.registry().require(new DeviceId("pendant-9")).succeeded());
    devices.publish("care/pendant-9/telemetry", telemetry(2));

    // then its next message is stored
    await().atMost(Duration.ofSeconds(10)).until(() -> readings("pendant-9") == 1);
  }

  private void enrol(String uid) throws Exception {
    registry.device(uid, DeviceKind.SOS_PENDANT, resident);
    Sql.execute(
        node.dataSource(),
        "UPDATE device SET psk = '\\x"
            + HexFormat.of().formatHex(KEY)
            + "' WHERE uid = '"
            + uid
            + "'");
  }

  private void deactivate(String uid) throws Exception {
    Sql.execute(node.dataSource(), "UPDATE device SET active = false WHERE uid = '" + uid + "'");
  }

  /** Until the deactivation's notification reached ingest: no whole reload comes in this test. */
  private void awaitRefused(String uid) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ingest.registry().require(new DeviceId(uid)).failed());
  }

  private static String telemetry(int seq) {
    return "{\"ts\":%d,\"seq\":%d,\"m\":{\"hr\":71}}"
        .formatted(System.currentTimeMillis() - 1000 + seq, seq);
  }

  private long readings(String uid) {
    return Sql.count(
        node.dataSource(),
        "SELECT count(*) FROM reading r JOIN device d ON d.id = r.device_id WHERE d.uid = '"
            + uid
            + "'");
  }

  private double rejected(String reason) {
    return Search.in(node.meters())
        .name("caregrid.ingest.rejected")
        .tag("reason", reason)
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private CoapClient dtlsClient(String identity, byte[] key) {
    Configuration config = Configuration.createStandardWithoutFile();
    config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
    DtlsConnectorConfig dtls =
        DtlsConnectorConfig.builder(config)
            .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
            .build();
    CoapEndpoint endpoint =
        CoapEndpoint.builder()
            .setConfiguration(config)
            .setConnector(new DTLSConnector(dtls))
            .build();
    endpoints.add(endpoint);
    CoapClient client =
        new CoapClient("coaps://127.0.0.1:" + ingest.coap().securePort() + "/telemetry");
    client.setEndpoint(endpoint);
    client.setTimeout(5_000L);
    clients.add(client);
    return client;
  }
}

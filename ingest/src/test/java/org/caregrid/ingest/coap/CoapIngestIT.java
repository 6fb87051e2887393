package org.caregrid.ingest.coap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.search.Search;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.caregrid.core.codec.Codecs;
import org.caregrid.core.codec.SenmlCborCodec;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.device.PskCipher;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.Telemetry;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.ingest.IngestRole;
import org.caregrid.ingest.registry.PskSealing;
import org.caregrid.ingest.store.CopyFormat;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/** CoAP ingest against real clients: Californium's, and libcoap's command-line client. */
@ExtendWith(VertxExtension.class)
@Timeout(90)
class CoapIngestIT {
  /** Printable, so libcoap's client can take it on its command line. */
  private static final byte[] KEY =
      "pendant-7-secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static final String COAP_CLIENT = "/usr/bin/coap-client-openssl";

  private TestNode node;
  private IngestRole ingest;
  private final List<CoapClient> clients = new ArrayList<>();
  private final List<CoapEndpoint> endpoints = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    node = TestNode.start(vertx, TestServices.freshDatabase());
    RegistryFixture registry = new RegistryFixture(node.dataSource());
    int zhou = registry.resident("Zhou Ying");
    registry.device("pendant-7", DeviceKind.SOS_PENDANT, zhou);
    sealKey("pendant-7", TestNode.PSKS.seal(new DeviceId("pendant-7"), KEY));
    // an altered row, and one sealed under a key this node does not have
    registry.device("pendant-8", DeviceKind.SOS_PENDANT, zhou);
    byte[] altered = TestNode.PSKS.seal(new DeviceId("pendant-8"), KEY);
    altered[altered.length - 1] ^= 1;
    sealKey("pendant-8", altered);
    registry.device("pendant-9", DeviceKind.SOS_PENDANT, zhou);
    sealKey("pendant-9", PskCipher.of(new byte[32]).seal(new DeviceId("pendant-9"), KEY));
    // a row from before keys were sealed
    registry.device("pendant-10", DeviceKind.SOS_PENDANT, zhou);
    Sql.execute(
        node.dataSource(),
        "UPDATE device SET psk = '\\x"
            + HexFormat.of().formatHex(KEY)
            + "' WHERE uid = 'pendant-10'");
    String unique = UUID.randomUUID().toString().substring(0, 8);
    IngestConfig defaults = IngestConfig.defaults();
    IngestConfig config =
        defaults
            .withMqtt(
                new IngestConfig.Mqtt(
                    1, "coap-" + unique, "coap" + unique, 100, Duration.ofSeconds(10)))
            .withCoap(
                new IngestConfig.Coap(
                    true, "127.0.0.1", 0, 0, true, Duration.ofMillis(500), Duration.ofSeconds(7)))
            .withWriter(new IngestConfig.Writer(4, Duration.ofMillis(20), 1, 4, CopyFormat.BINARY));
    ingest = new IngestRole(node.node(), TestServices.broker(), config);
    ingest.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    clients.forEach(CoapClient::shutdown);
    endpoints.forEach(CoapEndpoint::destroy);
    ingest.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    node.close();
  }

  private static String telemetry(int seq) {
    return "{\"ts\":%d,\"seq\":%d,\"m\":{\"hr\":71,\"battery\":88}}"
        .formatted(System.currentTimeMillis() - 1000 + seq, seq);
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

  private CoapClient plainClient(String query) {
    CoapClient client =
        new CoapClient("coap://127.0.0.1:" + ingest.coap().plainPort() + "/telemetry" + query);
    client.setTimeout(5_000L);
    clients.add(client);
    return client;
  }

  private void sealKey(String uid, byte[] sealed) throws SQLException {
    Sql.execute(
        node.dataSource(),
        "UPDATE device SET psk_sealed = '\\x"
            + HexFormat.of().formatHex(sealed)
            + "' WHERE uid = '"
            + uid
            + "'");
  }

  private long readings() {
    return Sql.count(node.dataSource(), "SELECT count(*) FROM reading");
  }

  @Test
  void answersChangedOverDtlsOnceTheReadingsAreStored() throws Exception {
    CoapResponse response =
        dtlsClient("pendant-7", KEY).post(telemetry(1), MediaTypeRegistry.APPLICATION_JSON);

    assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
    assertThat(readings()).isEqualTo(2);
  }

  @Test
  void refusesTheHandshakeOfAWrongKey() throws Exception {
    CoapResponse response =
        dtlsClient("pendant-7", new byte[16])
            .post(telemetry(1), MediaTypeRegistry.APPLICATION_JSON);

    assertThat(response).isNull();
    assertThat(readings()).isZero();
  }

  @Test
  void keepsNoKeyInClearInTheRegistry() {
    assertThat(
            Sql.count(
                node.dataSource(),
                "SELECT count(*) FROM device WHERE uid = 'pendant-7' AND psk IS NULL"
                    + " AND position('\\x"
                    + HexFormat.of().formatHex(KEY)
                    + "'::bytea IN psk_sealed) = 0"))
        .isOne();
  }

  @Test
  void refusesTheHandshakeOfADeviceWhoseSealedKeyWasAlteredOrSealedUnderAnotherKey()
      throws Exception {
    // when both devices offer the key they were given
    CoapResponse altered =
        dtlsClient("pendant-8", KEY).post(telemetry(1), MediaTypeRegistry.APPLICATION_JSON);
    CoapResponse otherKey =
        dtlsClient("pendant-9", KEY).post(telemetry(1), MediaTypeRegistry.APPLICATION_JSON);

    // then neither gets in, both are counted, and the other devices carry on
    assertThat(altered).isNull();
    assertThat(otherKey).isNull();
    assertThat(node.meters().get("caregrid.ingest.psk.unreadable").gauge().value()).isEqualTo(2);
    assertThat(
            dtlsClient("pendant-7", KEY)
                .post(telemetry(2), MediaTypeRegistry.APPLICATION_JSON)
                .getCode())
        .isEqualTo(ResponseCode.CHANGED);
  }

  @Test
  void sealsTheKeysOfOlderRowsInClearAndTheirDevicesStillGetIn() throws Exception {
    // given a row from before keys were sealed: its device gets in meanwhile
    assertThat(
            dtlsClient("pendant-10", KEY)
                .post(telemetry(1), MediaTypeRegistry.APPLICATION_JSON)
                .getCode())
        .isEqualTo(ResponseCode.CHANGED);

    // when the keys are sealed (caregrid seal-psks), twice
    assertThat(PskSealing.sealPlaintext(node.dataSource(), TestNode.PSKS)).isOne();
    assertThat(PskSealing.sealPlaintext(node.dataSource(), TestNode.PSKS)).isZero();

    // then no key is left in clear, and the sealed one opens to the device's key
    assertThat(Sql.count(node.dataSource(), "SELECT count(*) FROM device WHERE psk IS NOT NULL"))
        .isZero();
    byte[] sealed =
        HexFormat.of()
            .parseHex(
                Sql.text(
                    node.dataSource(),
                    "SELECT encode(psk_sealed, 'hex') FROM device WHERE uid = 'pendant-10'"));
    assertThat(TestNode.PSKS.open(new DeviceId("pendant-10"), sealed)).isEqualTo(KEY);
  }

  @Test
  void aRetransmittedRequestIsAnsweredAgainWithoutBeingTakenTwice() throws Exception {
    // given a confirmable POST as a device sends it, message id and token fixed
    Request post = Request.newPost();
    post.setURI("coap://127.0.0.1:" + ingest.coap().plainPort() + "/telemetry?d=pendant-7");
    post.setMID(4242);
    post.setToken(new byte[] {4, 2, 4, 2});
    post.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
    post.setPayload(telemetry(1));
    byte[] datagram = new UdpDataSerializer().getByteArray(post);

    try (DatagramSocket device = new DatagramSocket()) {
      device.setSoTimeout(5_000);
      InetSocketAddress server = new InetSocketAddress("127.0.0.1", ingest.coap().plainPort());
      // when it is sent, answered, and sent again as a device whose ACK was lost would
      for (int copy = 0; copy < 2; copy++) {
        device.send(new DatagramPacket(datagram, datagram.length, server));
        // then each copy is answered 2.04 (Changed)
        assertThat(nextResponseCode(device)).isEqualTo(ResponseCode.CHANGED);
      }
    }

    // and the pipeline took it once: the deduplicator answered the copy
    double taken =
        Search.in(node.meters())
            .name("caregrid.ingest.messages")
            .tag("transport", "coap")
            .tag("kind", "telemetry")
            .counter()
            .count();
    assertThat(taken).isEqualTo(1);
    assertThat(readings()).isEqualTo(2);
  }

  /** The code of the next response on {@code socket}, skipping empty ACKs. */
  private static ResponseCode nextResponseCode(DatagramSocket socket) throws Exception {
    UdpDataParser parser = new UdpDataParser();
    while (true) {
      DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
      socket.receive(packet);
      byte[] bytes = Arrays.copyOf(packet.getData(), packet.getLength());
      Message message = parser.parseMessage(bytes);
      if (message instanceof Response response) {
        return response.getCode();
      }
    }
  }

  @Test
  void repliesUnauthorizedToAnUnknownDeviceOnPlainCoap() throws Exception {
    CoapResponse response =
        plainClient("?d=nobody").post(telemetry(1), MediaTypeRegistry.APPLICATION_JSON);

    assertThat(response.getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
    assertThat(response.getResponseText()).contains("unknown_device");
  }

  @Test
  void countsARequestThatNamesNoDevice() throws Exception {
    CoapResponse response = plainClient("").post(telemetry(1), MediaTypeRegistry.APPLICATION_JSON);

    assertThat(response.getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
    assertThat(rejected("coap", "unknown_device")).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                Sql.count(
                        node.dataSource(),
                        "SELECT count(*) FROM rejected_message WHERE device_uid IS NULL")
                    == 1);
  }

  @Test
  void repliesBadRequestWithADiagnosticForBadInput() throws Exception {
    CoapResponse response =
        plainClient("?d=pendant-7")
            .post("{\"ts\":1,\"m\":{\"hr\":\"x\"}}", MediaTypeRegistry.APPLICATION_JSON);

    assertThat(response.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(response.getResponseText()).startsWith("decode: ").contains("not a number");
  }

  @Test
  void countsAndKeepsABodyRefusedAsTooLargeDuringItsBlockwiseTransfer() throws Exception {
    // given a body over the 16 KiB limit, which the client sends block by block
    String large = "{\"ts\":1,\"m\":{\"hr\":70}}" + " ".repeat(17 * 1024);

    CoapResponse response =
        dtlsClient("pendant-7", KEY).post(large, MediaTypeRegistry.APPLICATION_JSON);

    // then it is still refused 4.13, and now counted and kept like every refusal
    assertThat(response.getCode()).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
    await().atMost(Duration.ofSeconds(5)).until(() -> rejected("coap", "too_large") == 1);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Sql.count(node.dataSource(), "SELECT count(*) FROM rejected_message") == 1);
    assertThat(
            Sql.text(
                node.dataSource(),
                "SELECT device_uid || ' ' || reason || ' ' || payload_size || ' ' || detail"
                    + " FROM rejected_message"))
        .isEqualTo(
            "pendant-7 too_large 0 body over 16384 bytes, refused during its block-wise transfer");
    assertThat(readings()).isZero();
  }

  @Test
  void answersBadRequestNamingTheReasonForJsonThatIsNotUtf8OrSaysOneThingTwice() throws Exception {
    CoapClient client = dtlsClient("pendant-7", KEY);
    long now = System.currentTimeMillis();

    CoapResponse utf16 =
        client.post(telemetry(1).getBytes(java.nio.charset.StandardCharsets.UTF_16), 50);
    CoapResponse twice =
        client.post(
            ("[{\"bn\":\"urn:dev:pendant-7:\",\"bt\":%d,\"n\":\"hr\",\"v\":70},"
                    + "{\"n\":\"hr\",\"v\":80}]")
                .formatted(now / 1000)
                .getBytes(UTF_8),
            Codecs.SENML_JSON_FORMAT);

    assertThat(utf16.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(utf16.getResponseText()).startsWith("bad_encoding: not UTF-8 JSON");
    assertThat(twice.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(twice.getResponseText()).startsWith("duplicate: record 2");
    assertThat(rejected("coap", "bad_encoding")).isEqualTo(1);
    assertThat(rejected("coap", "duplicate")).isEqualTo(1);
    assertThat(readings()).isZero();
  }

  private double rejected(String transport, String reason) {
    return Search.in(node.meters())
        .name("caregrid.ingest.rejected")
        .tag("transport", transport)
        .tag("reason", reason)
        .counter()
        .count();
  }

  @Test
  void acksAConfirmableRequestFirstAndAnswersAfterTheCommit() throws Exception {
    CoapClient client = plainClient("?d=pendant-7");
    CompletableFuture<CoapResponse> answered = new CompletableFuture<>();
    Request request = Request.newPost();
    request.setConfirmable(true);
    request.setPayload(telemetry(1).getBytes(UTF_8));
    request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
    try (Connection holder = node.dataSource().getConnection();
        Statement s = holder.createStatement()) {
      // given: the commit cannot happen while another transaction holds the table
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE reading IN EXCLUSIVE MODE");

      client.advanced(handler(answered), request);

      // then: the device gets an empty ACK (no retransmissions) but no answer yet
      await().atMost(Duration.ofSeconds(5)).until(request::isAcknowledged);
      assertThat(answered).isNotDone();
      holder.commit();
    }
    // once committed, the separate response follows
    assertThat(answered.get(10, TimeUnit.SECONDS).getCode()).isEqualTo(ResponseCode.CHANGED);
    assertThat(readings()).isEqualTo(2);
  }

  @Test
  void answersServiceUnavailableWithMaxAgeWhenTheWriterIsFull() throws Exception {
    CoapClient client = plainClient("?d=pendant-7");
    try (Connection holder = node.dataSource().getConnection();
        Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE reading IN EXCLUSIVE MODE");
      CompletableFuture<CoapResponse> first = new CompletableFuture<>();
      Request fill = Request.newPost();
      fill.setPayload(
          "{\"ts\":%d,\"m\":{\"hr\":70,\"rr\":12,\"battery\":80,\"movement\":2}}"
              .formatted(System.currentTimeMillis()));
      client.advanced(handler(first), fill);
      await().atMost(Duration.ofSeconds(5)).until(fill::isAcknowledged);

      CoapResponse busy = client.post(telemetry(2), MediaTypeRegistry.APPLICATION_JSON);

      assertThat(busy.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
      assertThat(busy.getOptions().getMaxAge()).isEqualTo(7);
      holder.commit();
      assertThat(first.get(10, TimeUnit.SECONDS).getCode()).isEqualTo(ResponseCode.CHANGED);
    }
  }

  @Test
  void acceptsSenmlCborNamingTheSenderAndRefusesOneNamingAnother() throws Exception {
    long now = System.currentTimeMillis();
    List<Reading> readings =
        List.of(new Reading(Metric.SPO2, now, 96), new Reading(Metric.HR, now, 72));
    SenmlCborCodec cbor = new SenmlCborCodec(java.time.Clock.systemUTC());
    CoapClient client = dtlsClient("pendant-7", KEY);

    CoapResponse own =
        client.post(
            cbor.encode(new Telemetry(-1, readings, Optional.of(new DeviceId("pendant-7")))),
            Codecs.SENML_CBOR_FORMAT);
    CoapResponse other =
        client.post(
            cbor.encode(new Telemetry(-1, readings, Optional.of(new DeviceId("pendant-8")))),
            Codecs.SENML_CBOR_FORMAT);

    assertThat(own.getCode()).isEqualTo(ResponseCode.CHANGED);
    assertThat(other.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(other.getResponseText()).startsWith("device_mismatch");
    assertThat(readings()).isEqualTo(2);
  }

  @Test
  void acceptsAnEventOverDtls() throws Exception {
    CoapClient client = dtlsClient("pendant-7", KEY);
    client.setURI("coaps://127.0.0.1:" + ingest.coap().securePort() + "/event");

    CoapResponse response =
        client.post(
            "{\"ts\":%d,\"seq\":3,\"type\":\"fall\"}".formatted(System.currentTimeMillis()),
            MediaTypeRegistry.APPLICATION_JSON);

    assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
    assertThat(Sql.text(node.dataSource(), "SELECT type FROM device_event")).isEqualTo("fall");
  }

  static boolean libcoapInstalled() {
    return Files.isExecutable(Path.of(COAP_CLIENT));
  }

  @Test
  @EnabledIf("libcoapInstalled")
  void libcoapClientPostsOverDtlsWithItsPsk() throws Exception {
    String uri = "coaps://127.0.0.1:" + ingest.coap().securePort() + "/telemetry";

    String ok =
        coapClient("pendant-7", new String(KEY, java.nio.charset.StandardCharsets.US_ASCII), uri);
    assertThat(readings()).as("stored; the client printed: %s", ok).isEqualTo(2);

    String refused = coapClient("pendant-7", "wrong-key-000000", uri);
    assertThat(readings()).as("nothing more stored; the client printed: %s", refused).isEqualTo(2);
    assertThat(refused).isNotBlank();
  }

  /** libcoap's client exits 0 even when the handshake fails: what it prints is the outcome. */
  private static String coapClient(String identity, String key, String uri) throws Exception {
    Process p =
        new ProcessBuilder(
                COAP_CLIENT,
                "-m",
                "post",
                "-u",
                identity,
                "-k",
                key,
                "-t",
                "50",
                "-B",
                "5",
                "-e",
                telemetry(9),
                uri)
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return new String(p.getInputStream().readAllBytes(), UTF_8);
  }

  private static CoapHandler handler(CompletableFuture<CoapResponse> answered) {
    return new CoapHandler() {
      @Override
      public void onLoad(CoapResponse response) {
        answered.complete(response);
      }

      @Override
      public void onError() {
        answered.completeExceptionally(new IllegalStateException("no response"));
      }
    };
  }
}

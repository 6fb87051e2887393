package org.caregrid.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.search.Search;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.ReadingBatch;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestDevices;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Ingest against a real broker and database: what is acknowledged is stored, once. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class MqttIngestIT {
  private TestNode node;
  private IngestRole ingest;
  private TestDevices devices;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    node = TestNode.start(vertx, TestServices.freshDatabase());
    RegistryFixture registry = new RegistryFixture(node.dataSource());
    registry.device("bed-it", DeviceKind.CARE_BED, registry.resident("Li Na"));
    MqttConfig broker = TestServices.broker();
    String unique = UUID.randomUUID().toString().substring(0, 8);
    IngestConfig defaults = IngestConfig.defaults();
    IngestConfig config =
        defaults
            .withMqtt(
                new IngestConfig.Mqtt(
                    2, "it-" + unique, "it" + unique, 1000, Duration.ofSeconds(30)))
            .withCoap(defaults.coap().disabled()); // MQTT only: no fixed UDP port to clash on
    ingest = new IngestRole(node.node(), broker, config);
    ingest.start().toCompletionStage().toCompletableFuture().get();
    devices = new TestDevices(broker.url());
  }

  @AfterEach
  void stop() throws Exception {
    devices.close();
    ingest.stop().toCompletionStage().toCompletableFuture().get();
    node.close();
  }

  @Test
  void acksOnlyAfterCommit() throws Exception {
    try (Connection holder = node.dataSource().getConnection();
        Statement s = holder.createStatement()) {
      // given: the commit cannot happen while another transaction holds the table
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE reading IN EXCLUSIVE MODE");

      // when
      devices.publish("care/bed-it/telemetry", payload(System.currentTimeMillis(), 1, 70));

      // then: received, not acknowledged, not stored
      await().atMost(Duration.ofSeconds(10)).until(() -> unacked() == 1);
      assertThat(Sql.count(node.dataSource(), "SELECT count(*) FROM reading")).isZero();

      holder.commit();
    }
    // once the commit goes through, the ack follows and the rows are there
    await().atMost(Duration.ofSeconds(10)).until(() -> unacked() == 0);
    assertThat(Sql.count(node.dataSource(), "SELECT count(*) FROM reading")).isEqualTo(4);
  }

  @Test
  void storesEveryReadingOnceWhateverIsRedelivered() throws Exception {
    long t0 = System.currentTimeMillis() - 100_000;
    for (int i = 0; i < 100; i++) {
      devices.publish("care/bed-it/telemetry", payload(t0 + i * 1000L, i, 60 + i % 20));
    }
    // the same messages again, as a device that lost its PUBACKs would send them
    for (int i = 0; i < 10; i++) {
      devices.publish("care/bed-it/telemetry", payload(t0 + i * 1000L, i, 60 + i % 20));
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Sql.count(node.dataSource(), "SELECT count(*) FROM reading") == 400);
    await().atMost(Duration.ofSeconds(10)).until(() -> unacked() == 0);
    assertThat(counter("caregrid.ingest.messages", "transport", "mqtt")).isEqualTo(110);
  }

  @Test
  void rejectsBadInputWithAReasonKeepsItAndKeepsGoing() throws Exception {
    long now = System.currentTimeMillis();
    devices.publish("care/bed-it/telemetry", "{not json");
    devices.publish("care/nobody/telemetry", payload(now, 1, 70));
    devices.publish("care/bed-it/telemetry", "{\"ts\":%d,\"m\":{\"hr\":900}}".formatted(now));
    devices.publish("care/bed-it/telemetry", payload(now + 3_600_000, 2, 70));
    devices.publish("care/bed-it/telemetry", "{\"ts\":1,\"m\":{\"hr\":70}}" + " ".repeat(17_000));
    devices.publish("care/bed-it/telemetry", payload(now, 3, 71));

    // the one good message still gets through
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Sql.count(node.dataSource(), "SELECT count(*) FROM reading") == 4);
    await().atMost(Duration.ofSeconds(10)).until(() -> unacked() == 0);
    // every rejection is counted by reason...
    assertThat(counter("caregrid.ingest.rejected", "reason", "decode")).isEqualTo(1);
    assertThat(counter("caregrid.ingest.rejected", "reason", "unknown_device")).isEqualTo(1);
    assertThat(counter("caregrid.ingest.rejected", "reason", "out_of_range")).isEqualTo(1);
    assertThat(counter("caregrid.ingest.rejected", "reason", "bad_time")).isEqualTo(1);
    assertThat(counter("caregrid.ingest.rejected", "reason", "too_large")).isEqualTo(1);
    // ...and kept with the device, the reason and how the payload began
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Sql.count(node.dataSource(), "SELECT count(*) FROM rejected_message") == 5);
    assertThat(
            Sql.text(
                node.dataSource(),
                "SELECT device_uid || ' ' || reason || ' ' || payload_excerpt"
                    + " FROM rejected_message WHERE reason = 'decode'"))
        .isEqualTo("bed-it decode {not json");
    assertThat(
            Sql.text(
                node.dataSource(),
                "SELECT detail FROM rejected_message WHERE reason = 'out_of_range'"))
        .contains("hr=900");
  }

  @Test
  void refusesWholeCountsAndKeepsWhatNamesNoDeviceIsNotUtf8OrSaysOneThingTwice(Vertx vertx)
      throws Exception {
    List<ReadingBatch> announced = new CopyOnWriteArrayList<>();
    vertx.eventBus().<ReadingBatch>localConsumer(Addresses.READINGS, m -> announced.add(m.body()));
    long now = System.currentTimeMillis();
    String good = payload(now, 1, 70);

    devices.publish("care/-bad!id/telemetry", good);
    devices.publish("care/bed-it/telemetry", good.getBytes(StandardCharsets.UTF_16));
    devices.publish("care/bed-it/telemetry", good.getBytes(StandardCharsets.UTF_16LE));
    devices.publish("care/bed-it/telemetry", ("\ufeff" + good).getBytes(StandardCharsets.UTF_8));
    devices.publish(
        "care/bed-it/telemetry", "{\"ts\":%d,\"m\":{\"hr\":70,\"hr\":80}}".formatted(now));
    devices.publish(
        "care/bed-it/telemetry",
        ("[{\"bn\":\"urn:dev:bed-it:\",\"bt\":%d,\"n\":\"hr\",\"v\":70},"
                + "{\"n\":\"hr\",\"v\":80}]")
            .formatted(now / 1000));
    devices.publish("care/bed-it/telemetry", payload(now, 2, 71));

    // only the last one is stored, and only it reaches alerting
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Sql.count(node.dataSource(), "SELECT count(*) FROM reading") == 4);
    await().atMost(Duration.ofSeconds(10)).until(() -> unacked() == 0);
    assertThat(announced).hasSize(1);
    assertThat(counter("caregrid.ingest.rejected", "reason", "bad_topic")).isEqualTo(1);
    assertThat(counter("caregrid.ingest.rejected", "reason", "bad_encoding")).isEqualTo(3);
    assertThat(counter("caregrid.ingest.rejected", "reason", "duplicate")).isEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Sql.count(node.dataSource(), "SELECT count(*) FROM rejected_message") == 6);
    assertThat(
            Sql.text(
                node.dataSource(),
                "SELECT coalesce(device_uid, '-') || ' ' || detail FROM rejected_message"
                    + " WHERE reason = 'bad_topic'"))
        .isEqualTo("- topic \"care/-bad!id/telemetry\" is not care/{deviceId}/{channel}");
    assertThat(
            Sql.text(
                node.dataSource(),
                // by text: the two came over different connections, in either order
                "SELECT string_agg(detail, ' | ' ORDER BY detail) FROM rejected_message"
                    + " WHERE reason = 'duplicate'"))
        .isEqualTo(
            "key \"hr\" appears twice in one object"
                + " | record 2: a second value of hr at the same time");
  }

  @Test
  void statusMessagesTrackConnectivityAndTelemetryTracksLastSeen() throws Exception {
    devices.publish("care/bed-it/status", "online");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> gauge("caregrid.ingest.devices.online") == 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "true"
                    .equals(Sql.text(node.dataSource(), "SELECT online::text FROM device_status")));

    devices.publish("care/bed-it/status", "offline");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> gauge("caregrid.ingest.devices.online") == 0);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "false"
                    .equals(Sql.text(node.dataSource(), "SELECT online::text FROM device_status")));

    // a reading stamped later than the status message moves "last seen" to its time
    long ts = System.currentTimeMillis() + 60_000;
    devices.publish("care/bed-it/telemetry", payload(ts, 1, 66));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Sql.count(
                        node.dataSource(),
                        "SELECT (extract(epoch FROM last_seen) * 1000)::bigint FROM device_status")
                    == ts);

    devices.publish("care/bed-it/status", "maybe");
    await().atMost(Duration.ofSeconds(10)).until(() -> unacked() == 0);
  }

  /** The fleet's battery level is the newest one reported, whatever order the messages came in. */
  @Test
  void theNewestBatteryLevelIsKeptWithTheDeviceStatus() throws Exception {
    long now = System.currentTimeMillis();
    devices.publish("care/bed-it/telemetry", battery(now, 1, 64));
    await().atMost(Duration.ofSeconds(10)).until(() -> "64".equals(batteryStored()));

    devices.publish("care/bed-it/telemetry", battery(now - 60_000, 2, 90)); // late, older
    devices.publish("care/bed-it/telemetry", payload(now + 1_000, 3, 70)); // no battery
    await().atMost(Duration.ofSeconds(10)).until(() -> unacked() == 0);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Sql.count(node.dataSource(), "SELECT count(*) FROM reading") == 8);
    assertThat(batteryStored()).isEqualTo("64");

    devices.publish("care/bed-it/telemetry", battery(now + 2_000, 4, 12));
    await().atMost(Duration.ofSeconds(10)).until(() -> "12".equals(batteryStored()));
    assertThat(
            Sql.count(
                node.dataSource(),
                "SELECT (extract(epoch FROM battery_at) * 1000)::bigint FROM device_status"))
        .isEqualTo(now + 2_000);
  }

  private String batteryStored() {
    return Sql.text(node.dataSource(), "SELECT battery::text FROM device_status");
  }

  private static String battery(long ts, int seq, int pct) {
    return "{\"ts\":%d,\"seq\":%d,\"m\":{\"hr\":70,\"battery\":%d}}".formatted(ts, seq, pct);
  }

  private double gauge(String name) {
    return Search.in(node.meters()).name(name).gauge().value();
  }

  @Test
  void eventsAreStoredOnceAndAnnouncedToAlerting(Vertx vertx) throws Exception {
    List<EventBatch> announced = new CopyOnWriteArrayList<>();
    vertx.eventBus().<EventBatch>localConsumer(Addresses.EVENTS, m -> announced.add(m.body()));
    long ts = System.currentTimeMillis();
    String sos = "{\"ts\":%d,\"seq\":7,\"type\":\"sos\",\"data\":{\"button\":1}}".formatted(ts);

    devices.publish("care/bed-it/event", sos);
    devices.publish("care/bed-it/event", sos);
    devices.publish("care/bed-it/event", "{\"ts\":%d,\"type\":\"teleport\"}".formatted(ts));

    await().atMost(Duration.ofSeconds(10)).until(() -> unacked() == 0 && announced.size() == 2);
    assertThat(announced.get(0).event().type()).isEqualTo(EventType.SOS);
    assertThat(announced.get(0).device().id().value()).isEqualTo("bed-it");
    assertThat(
            Sql.text(
                node.dataSource(), "SELECT type || ' ' || (data->>'button') FROM device_event"))
        .isEqualTo("sos 1");
    assertThat(Sql.count(node.dataSource(), "SELECT count(*) FROM device_event")).isEqualTo(1);
    // the event is proof of life: the fleet shows the device seen, when it spoke, and online
    assertThat(
            Sql.count(
                node.dataSource(),
                "SELECT (extract(epoch FROM last_seen) * 1000)::bigint FROM device_status"
                    + " WHERE online"))
        .isEqualTo(ts);
    assertThat(counter("caregrid.ingest.rejected", "reason", "decode")).isEqualTo(1);
  }

  @Test
  void holdsAtMostTheReceiveWindowWhileTheDatabaseIsStuck() throws Exception {
    int window = 2 * 1000; // two connections of receive-maximum 1000 (see start)
    try (Connection holder = node.dataSource().getConnection();
        Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE reading IN EXCLUSIVE MODE");
      long t0 = System.currentTimeMillis() - 60_000;

      for (int i = 0; i < 3000; i++) {
        devices.publish("care/bed-it/telemetry", payload(t0 + i, i, 70));
      }

      // the broker holds the rest: ingest takes no more than its window, whether the broker
      // honours the Receive Maximum (HiveMQ) or keeps sending regardless (Mosquitto 2.0.11)
      await().atMost(Duration.ofSeconds(10)).until(() -> unacked() > 0);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> unacked() <= window);
      assertThat(Sql.count(node.dataSource(), "SELECT count(*) FROM reading")).isZero();
      holder.commit();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Sql.count(node.dataSource(), "SELECT count(*) FROM reading") == 4 * 3000);
  }

  private static String payload(long ts, int seq, int hr) {
    return "{\"ts\":%d,\"seq\":%d,\"m\":{\"hr\":%d,\"rr\":14,\"in_bed\":1,\"movement\":3}}"
        .formatted(ts, seq, hr);
  }

  private double unacked() {
    return Search.in(node.meters()).name("caregrid.ingest.unacked.messages").gauge().value();
  }

  private double counter(String name, String tag, String value) {
    return Search.in(node.meters()).name(name).tag(tag, value).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}

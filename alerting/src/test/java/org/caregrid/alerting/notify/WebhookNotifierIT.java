package org.caregrid.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caregrid.alerting.notify.Futures.failure;
import static org.caregrid.alerting.notify.Futures.result;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.caregrid.alerting.metrics.MicrometerAlertingMetrics;
import org.caregrid.alerting.routing.HelpRequest;
import org.caregrid.core.error.UnavailableException;
import org.caregrid.testing.FreePorts;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierIT {
  private static final String SECRET = "station-webhook-secret";

  private Vertx vertx;
  private TestNode node;
  private SimpleMeterRegistry meters;
  private Receiver receiver;
  private long alertId;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    node = TestNode.start(vertx, TestServices.freshDatabase());
    meters = new SimpleMeterRegistry();
    receiver = new Receiver();
    result(receiver.start());
    alertId = storedAlert();
  }

  @AfterEach
  void tearDown() throws Exception {
    node.close();
    result(vertx.close());
  }

  @Test
  void postsTheHelpRequestSignedWithTheSharedSecret() throws Exception {
    HelpRequest request = HelpRequests.fallAt("cs-7", alertId);

    result(webhook(receiver.url(), 3).notify(request));

    assertThat(receiver.calls)
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.signatureValid()).isTrue();
              assertThat(new JsonObject(call.body)).isEqualTo(HelpRequestJson.toJson(request));
              assertThat(call.contentType).isEqualTo("application/json");
            });
    assertThat(counted("caregrid.alerting.notifications")).isEqualTo(1);
  }

  @Test
  void retriesWithGrowingDelaysUntilTheReceiverTakesIt() throws Exception {
    // given a receiver that fails twice before it answers 200
    receiver.failFirst(2, 503);

    // when
    result(webhook(receiver.url(), 3).notify(HelpRequests.fallAt("cs-7", alertId)));

    // then three signed tries of one delivery, 100 ms then 200 ms apart at least
    List<Call> calls = receiver.calls;
    assertThat(calls).hasSize(3).allMatch(Call::signatureValid);
    assertThat(calls).extracting(c -> c.deliveryId).containsOnly(calls.get(0).deliveryId);
    assertThat(Duration.ofNanos(calls.get(1).atNanos - calls.get(0).atNanos))
        .isGreaterThanOrEqualTo(Duration.ofMillis(100));
    assertThat(Duration.ofNanos(calls.get(2).atNanos - calls.get(1).atNanos))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(Sql.count(node.dataSource(), "SELECT count(*) FROM webhook_delivery")).isZero();
    assertThat(counted("caregrid.alerting.notifications")).isEqualTo(1);
    assertThat(counted("caregrid.alerting.notifications.failed")).isZero();
  }

  @Test
  void keepsTheDeliveryForInspectionWhenEveryTryFails() throws Exception {
    // given a receiver that always fails
    receiver.failFirst(Integer.MAX_VALUE, 500);
    HelpRequest request = HelpRequests.fallAt("cs-7", alertId);

    // when
    Throwable failure = failure(webhook(receiver.url(), 3).notify(request));

    // then the request failed as unavailable, after its three tries, and its row tells why
    assertThat(failure).isInstanceOf(UnavailableException.class);
    assertThat(receiver.calls).hasSize(3);
    try (Connection c = node.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT alert_id, url, payload::text, attempts, last_error, last_status, failed_at"
                    + " FROM webhook_delivery");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(alertId);
      assertThat(rs.getString(2)).isEqualTo(receiver.url());
      assertThat(new JsonObject(rs.getString(3))).isEqualTo(HelpRequestJson.toJson(request));
      assertThat(rs.getInt(4)).isEqualTo(3);
      assertThat(rs.getString(5)).isEqualTo("HTTP 500");
      assertThat(rs.getInt(6)).isEqualTo(500);
      assertThat(rs.getTimestamp(7)).isNotNull();
      assertThat(rs.next()).isFalse();
    }
    assertThat(counted("caregrid.alerting.notifications.failed")).isEqualTo(1);
    assertThat(counted("caregrid.alerting.notifications")).isZero();
  }

  @Test
  void keepsTheDeliveryWithoutStatusWhenNothingAnswers() throws Exception {
    String nowhere = "http://127.0.0.1:" + FreePorts.tcp() + "/hook";

    Throwable failure = failure(webhook(nowhere, 2).notify(HelpRequests.fallAt("cs-7", alertId)));

    assertThat(failure).isInstanceOf(UnavailableException.class);
    assertThat(
            Sql.count(
                node.dataSource(),
                "SELECT count(*) FROM webhook_delivery"
                    + " WHERE attempts = 2 AND last_status IS NULL AND last_error <> ''"))
        .isEqualTo(1);
  }

  /** Tries 100 ms, then 200 ms apart; a try times out only after 10 s, as a cold JVM is slow. */
  private WebhookNotifier webhook(String url, int attempts) {
    NotifyConfig.Webhook config =
        new NotifyConfig.Webhook(
            url,
            SECRET,
            attempts,
            Duration.ofMillis(100),
            Duration.ofMillis(400),
            Duration.ofSeconds(10));
    return new WebhookNotifier(
        vertx,
        config,
        new JdbcWebhookDeliveries(node.dataSource(), node.node().db()),
        new MicrometerAlertingMetrics(meters),
        Clock.systemUTC());
  }

  private double counted(String meter) {
    return meters.counter(meter, "channel", "webhook").count();
  }

  private long storedAlert() throws Exception {
    int resident = new RegistryFixture(node.dataSource()).resident("Wang Fang");
    try (Connection c = node.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO alert (kind, severity, resident_id, state, raised_at, last_seen_at)"
                    + " VALUES ('fall', 'critical', ?, 'notified', now(), now()) RETURNING id")) {
      ps.setInt(1, resident);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** One request as the receiver saw it. */
  private record Call(
      long atNanos,
      String timestamp,
      String signature,
      String deliveryId,
      String contentType,
      String body) {
    boolean signatureValid() {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return signature.equals("sha256=" + HexFormat.of().formatHex(expected));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A station system's webhook endpoint that fails the first N requests. */
  private final class Receiver {
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failStatus;
    private HttpServer server;

    void failFirst(int count, int status) {
      failuresLeft.set(count);
      failStatus = status;
    }

    Future<HttpServer> start() {
      server =
          vertx
              .createHttpServer()
              .requestHandler(
                  req ->
                      req.body()
                          .onSuccess(
                              (Buffer body) -> {
                                calls.add(
                                    new Call(
                                        System.nanoTime(),
                                        req.getHeader("X-CareGrid-Timestamp"),
                                        req.getHeader("X-CareGrid-Signature"),
                                        req.getHeader("X-CareGrid-Delivery"),
                                        req.getHeader("Content-Type"),
                                        body.toString(StandardCharsets.UTF_8)));
                                boolean fail = failuresLeft.getAndDecrement() > 0;
                                req.response().setStatusCode(fail ? failStatus : 200).end();
                              }));
      return server.listen(0, "127.0.0.1");
    }

    String url() {
      return "http://127.0.0.1:" + server.actualPort() + "/hook";
    }
  }
}

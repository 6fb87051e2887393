package org.caregrid.dashboard.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.caregrid.core.sign.RequestSignature;
import org.caregrid.dashboard.auth.ApiTokens;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.testing.AlertSeeds;
import org.caregrid.dashboard.testing.ApiClient;
import org.caregrid.dashboard.testing.ApiContract;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.dashboard.testing.TestDashboard;
import org.caregrid.testing.FreePorts;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The push to the city platform against a receiver over HTTPS that is first down (nothing
 * listening), then failing (503), then slow, once slower than the push's timeout so that a record
 * it took is sent again: it ends up with every record exactly once by its idempotency key, each
 * alert's changes in their order, every request signed, and a repeat identical to the first.
 */
@Timeout(180)
class CityLinkIT {
  private static final String SECRET = "test-city-secret";
  private static final int ALERTS = 12;
  private static final String[] KINDS = {"sos", "fall", "smoke", "gas", "water", "inactivity"};
  private static final String[] LIFE = {"notified", "accepted", "on_site", "resolved:assisted"};

  @Test
  void aReceiverThatIsDownThenSlowGetsEachRecordOnceInOrderPerAlert() throws Exception {
    // given a receiver that does not listen yet, and the platform pushing to it
    Vertx vertx = Vertx.vertx();
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    int port = FreePorts.tcp();
    Receiver receiver = new Receiver();
    CityConfig city =
        CityConfig.defaults()
            .withPush(
                new CityConfig.Push(
                    "https://localhost:" + port + "/caregrid/records",
                    SECRET,
                    cert.certificatePath(),
                    Duration.ofMillis(800),
                    Duration.ofMillis(50),
                    Duration.ofMillis(400)));
    try (TestDashboard dashboard = TestDashboard.start(city)) {
      DataSource db = dashboard.node().dataSource();
      List<Integer> residents = district(db);

      // when alerts change while the receiver is down, from several threads at once
      ExecutorService writers = Executors.newFixedThreadPool(4);
      List<Future<?>> writes = new ArrayList<>();
      AlertSeeds seeds = new AlertSeeds(db);
      for (int i = 0; i < ALERTS; i++) {
        int resident = residents.get(i % residents.size());
        String kind = KINDS[i / residents.size()];
        writes.add(writers.submit(() -> lifecycle(seeds, resident, kind)));
      }
      for (Future<?> w : writes) {
        w.get(60, TimeUnit.SECONDS);
      }
      writers.shutdown();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Sql.count(db, "SELECT max(push_attempts) FROM city_record") >= 3);
      assertThat(receiver.taken).isEmpty();

      // then it comes up failing for a while, then slow, and once slower than the timeout
      receiver.failFirst.set(8);
      receiver.slowAt.set(20);
      HttpServer server =
          vertx
              .createHttpServer(
                  new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()))
              .requestHandler(
                  req -> req.body().onSuccess(b -> receiver.handle(vertx, req, b.toString())))
              .listen(port, "127.0.0.1")
              .await();
      try {
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () ->
                    Sql.count(db, "SELECT count(*) FROM city_record WHERE pushed_at IS NULL") == 0);

        // then each record was taken exactly once, and every alert's changes in their order
        long records = Sql.count(db, "SELECT count(*) FROM city_record");
        assertThat(Sql.count(db, "SELECT count(*) FROM city_record WHERE type = 'alert_change'"))
            .isEqualTo(ALERTS * (LIFE.length + 1L));
        assertThat(receiver.taken).hasSize((int) records);
        assertThat(receiver.badSignatures).hasValue(0);
        Map<Long, List<Integer>> changes = new LinkedHashMap<>();
        for (JsonObject r : receiver.taken) {
          assertThat(r.getString("schema")).isEqualTo("caregrid.city/v1");
          if (!r.getString("type").equals("alert_change")) {
            continue;
          }
          JsonObject change = r.getJsonObject("alertChange");
          changes
              .computeIfAbsent(change.getLong("alertId"), k -> new ArrayList<>())
              .add(change.getInteger("change"));
          assertThat(change.getString("resident")).startsWith("r-");
          assertThat(r.encode()).doesNotContain("Resident of");
        }
        assertThat(changes).hasSize(ALERTS);
        changes.values().forEach(c -> assertThat(c).containsExactly(1, 2, 3, 4, 5));
        // the one answered too late was sent again, the same record with the same key
        assertThat(receiver.repeats).isNotEmpty();
        for (Map.Entry<String, String> repeat : receiver.repeats.entrySet()) {
          assertThat(repeat.getValue()).isEqualTo(receiver.bodies.get(repeat.getKey()));
        }
      } finally {
        server.close().await();
        vertx.close().await();
      }
    }
  }

  @Test
  void theCityPullsTheSameRecordsInOrderWithATokenScopedToItsUnits() throws Exception {
    ApiContract contract = ApiContract.load();
    try (TestDashboard dashboard = TestDashboard.start()) {
      // given alert changes and two city accounts, one for the district and one for C1
      DataSource db = dashboard.node().dataSource();
      List<Integer> residents = district(db);
      AlertSeeds seeds = new AlertSeeds(db);
      for (int i = 0; i < 4; i++) {
        lifecycle(seeds, residents.get(i % 2), KINDS[i / 2]);
      }
      StaffFixture staff = new StaffFixture(db);
      ApiTokens tokens = new ApiTokens(db);
      String all = tokens.issue(staff.user(StaffRole.CITY_PLATFORM, null).login(), "city", null);
      int c1 = (int) Sql.count(db, "SELECT id FROM station WHERE code = 'C1'");
      String onlyC1 =
          tokens.issue(staff.user(StaffRole.CITY_PLATFORM, c1).login(), "C1's office", null);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  Sql.count(db, "SELECT count(*) FROM city_record WHERE type = 'alert_change'")
                          == 20
                      && Sql.count(db, "SELECT count(*) FROM city_record WHERE seq IS NULL") == 0);

      // when the city pages through the feed, seven at a time
      List<JsonObject> read = new ArrayList<>();
      long after = 0;
      boolean more = true;
      while (more) {
        JsonObject page = get(contract, dashboard, all, "/tier/records?limit=7&after=" + after);
        page.getJsonArray("items").forEach(o -> read.add((JsonObject) o));
        after = page.getLong("after");
        more = page.getBoolean("more");
      }

      // then it has every record once, in sequence, each alert's changes in order
      assertThat(read).hasSize((int) Sql.count(db, "SELECT count(*) FROM city_record"));
      for (int i = 0; i < read.size(); i++) {
        assertThat(read.get(i).getLong("seq")).isEqualTo(i + 1L);
      }
      Map<Long, List<Integer>> changes = new LinkedHashMap<>();
      for (JsonObject r : read) {
        if (r.getString("type").equals("alert_change")) {
          JsonObject c = r.getJsonObject("alertChange");
          changes
              .computeIfAbsent(c.getLong("alertId"), k -> new ArrayList<>())
              .add(c.getInteger("change"));
        }
      }
      changes.values().forEach(c -> assertThat(c).containsExactly(1, 2, 3, 4, 5));
      // and an account for C1 reads C1's records only
      JsonObject scoped = get(contract, dashboard, onlyC1, "/tier/records?limit=1000");
      assertThat(scoped.getJsonArray("items")).isNotEmpty();
      scoped
          .getJsonArray("items")
          .forEach(o -> assertThat(((JsonObject) o).getString("unit")).isEqualTo("C1"));
      JsonObject units = get(contract, dashboard, onlyC1, "/tier/units");
      assertThat(units.getJsonArray("units")).hasSize(1);
      // a token only reads, a wrong one is nobody, and the city reads nothing else
      assertThat(send(dashboard, all, "POST", "/tier/records").statusCode()).isEqualTo(403);
      assertThat(send(dashboard, "cgt_not-a-token", "GET", "/tier/records").statusCode())
          .isEqualTo(401);
      assertThat(send(dashboard, all, "GET", "/alerts").statusCode()).isEqualTo(403);
      assertThat(send(dashboard, all, "GET", "/residents").statusCode()).isEqualTo(403);
    }
  }

  private static JsonObject get(
      ApiContract contract, TestDashboard dashboard, String token, String path) throws Exception {
    java.net.http.HttpResponse<String> r = send(dashboard, token, "GET", path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    ApiClient.Response checked =
        contract.check("GET", path, new ApiClient.Response(r.statusCode(), r.body(), r.headers()));
    return checked.json();
  }

  private static java.net.http.HttpResponse<String> send(
      TestDashboard dashboard, String token, String method, String path) throws Exception {
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + dashboard.port() + "/api/v1" + path))
            .header("Authorization", "Bearer " + token)
            .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
            .build();
    return java.net.http.HttpClient.newHttpClient()
        .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /** A district centre, a street, two communities, a resident in each. */
  private static List<Integer> district(DataSource db) throws SQLException {
    RegistryFixture registry = new RegistryFixture(db);
    int d = registry.station("D", "district", 0, 40.6, 109.9, 20);
    int s = registry.station("S1", "street", d, 40.61, 109.91, 10);
    registry.station("C1", "community", s, 40.62, 109.92, 5);
    registry.station("C2", "community", s, 40.64, 109.94, 5);
    return List.of(
        registry.resident("Resident of C1", 40.621, 109.921),
        registry.resident("Resident of C2", 40.641, 109.941));
  }

  /** An alert raised, notified, accepted, on site and resolved, each change its own transaction. */
  private static Void lifecycle(AlertSeeds seeds, int resident, String kind) throws SQLException {
    Instant t = Instant.now();
    long alert = seeds.alert(resident, kind, "critical", "raised", t);
    seeds.event(alert, t, "system", "raised", null);
    for (String action : LIFE) {
      t = t.plusSeconds(10);
      seeds.event(alert, t, "someone", action, null);
    }
    return null;
  }

  /** Keeps what it takes by idempotency key; fails, or answers late, as told. */
  private static final class Receiver {
    final List<JsonObject> taken = new CopyOnWriteArrayList<>();
    final Map<String, String> bodies = new ConcurrentHashMap<>();
    final Map<String, String> repeats = new ConcurrentHashMap<>();
    final AtomicInteger failFirst = new AtomicInteger();
    final AtomicInteger slowAt = new AtomicInteger(-1);
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger badSignatures = new AtomicInteger();
    private final RequestSignature signature = new RequestSignature(SECRET);

    void handle(Vertx vertx, HttpServerRequest req, String body) {
      int n = requests.incrementAndGet();
      String ts = req.getHeader(RequestSignature.TIMESTAMP_HEADER);
      String expected =
          signature.sign(
              Long.parseLong(ts), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (!expected.equals(req.getHeader(RequestSignature.SIGNATURE_HEADER))) {
        badSignatures.incrementAndGet();
      }
      if (failFirst.getAndDecrement() > 0) {
        req.response().setStatusCode(503).end();
        return;
      }
      String key = req.getHeader("Idempotency-Key");
      if (bodies.putIfAbsent(key, body) == null) {
        taken.add(new JsonObject(body));
      } else {
        repeats.put(key, body);
      }
      long delay = n == slowAt.get() ? 1500 : 20 + (n % 5) * 40L;
      vertx.setTimer(delay, id -> req.response().setStatusCode(200).end());
    }
  }
}

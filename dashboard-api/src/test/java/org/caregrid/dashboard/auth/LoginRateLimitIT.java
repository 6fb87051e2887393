package org.caregrid.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.dashboard.testing.TestDashboard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Password guessing over real HTTP from several loopback addresses (127.0.0.x, each test its own):
 * an attacker is slowed ever more, never the real user signing in from elsewhere, and only the
 * configured proxy (127.0.0.1 here) may say who the client is.
 */
@Timeout(120)
class LoginRateLimitIT {
  private static final String PROXY = "127.0.0.1";

  private static TestDashboard dashboard;
  private static StaffFixture staff;
  private static final Map<String, WebClient> CLIENTS = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    AuthConfig d = TestDashboard.AUTH;
    // waits of 2 s, 4 s, ...: long enough that a slow request cannot blur one into the next
    dashboard =
        TestDashboard.start(
            new AuthConfig(
                d.idleTimeout(),
                d.maxLifetime(),
                false,
                5,
                20,
                Duration.ofSeconds(2),
                Duration.ofMinutes(1),
                Duration.ofMinutes(15),
                List.of(PROXY),
                d.bcryptCost()));
    staff = new StaffFixture(dashboard.node().dataSource());
  }

  @AfterAll
  static void stop() {
    CLIENTS.values().forEach(WebClient::close);
    dashboard.close();
  }

  @Test
  void anAttackersFailuresDoNotLockTheRealUserOutFromAnotherAddress() throws Exception {
    StaffFixture.User nurse = staff.districtAdmin();
    double throttledBefore = throttled();
    int refused = 0;
    for (int i = 0; i < 30; i++) {
      int status = signIn("127.0.0.2", null, nurse.login(), "guess-" + i).statusCode();
      assertThat(status).isIn(401, 429);
      refused += status == 429 ? 1 : 0;
    }
    assertThat(refused).as("the attacker is throttled").isGreaterThanOrEqualTo(24);
    assertThat(throttled() - throttledBefore).isEqualTo(refused);

    long started = System.nanoTime();
    HttpResponse<Buffer> r = signIn("127.0.0.3", null, nurse.login(), nurse.password());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void repeatedFailuresFromOneAddressAreSlowedMoreEachTime() throws Exception {
    StaffFixture.User nurse = staff.districtAdmin();
    String from = "127.0.0.4";
    for (int i = 0; i < 5; i++) {
      assertThat(signIn(from, null, nurse.login(), "guess-" + i).statusCode()).isEqualTo(401);
    }

    HttpResponse<Buffer> first = signIn(from, null, nurse.login(), "guess-5");
    assertThat(first.statusCode()).isEqualTo(429);
    assertThat(first.bodyAsJsonObject().getString("title")).isEqualTo("Too Many Requests");
    assertThat(first.getHeader("Retry-After")).isEqualTo("2");

    // once the wait is over the next guess is checked, and the one after waits twice as long
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> signIn(from, null, nurse.login(), "guess-6").statusCode() == 401);
    HttpResponse<Buffer> second = signIn(from, null, nurse.login(), "guess-7");
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.getHeader("Retry-After")).isEqualTo("4");
  }

  @Test
  void aSuccessClearsTheLoginsFailures() throws Exception {
    StaffFixture.User nurse = staff.districtAdmin();
    String from = "127.0.0.5";
    double throttledBefore = throttled();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 4; i++) {
        assertThat(signIn(from, null, nurse.login(), "guess-" + i).statusCode()).isEqualTo(401);
      }
      assertThat(signIn(from, null, nurse.login(), nurse.password()).statusCode()).isEqualTo(200);
    }
    assertThat(throttled()).isEqualTo(throttledBefore);
  }

  @Test
  void onlyTheTrustedProxysForwardedForNamesTheClient() throws Exception {
    StaffFixture.User nurse = staff.districtAdmin();
    // through the proxy: the attacker's address is the one it forwards, and is throttled alone
    for (int i = 0; i < 10; i++) {
      signIn(PROXY, "198.51.100.7", nurse.login(), "guess-" + i);
    }
    assertThat(signIn(PROXY, "198.51.100.7", nurse.login(), "guess").statusCode()).isEqualTo(429);
    assertThat(signIn(PROXY, "198.51.100.8", nurse.login(), nurse.password()).statusCode())
        .isEqualTo(200);

    // from an untrusted peer, a new made-up address per guess changes nothing
    StaffFixture.User other = staff.districtAdmin();
    for (int i = 0; i < 5; i++) {
      assertThat(signIn("127.0.0.6", "192.0.2." + i, other.login(), "guess-" + i).statusCode())
          .isEqualTo(401);
    }
    assertThat(signIn("127.0.0.6", "192.0.2.99", other.login(), "guess").statusCode())
        .isEqualTo(429);
    assertThat(signIn(PROXY, "192.0.2.99", other.login(), other.password()).statusCode())
        .isEqualTo(200);
  }

  private static double throttled() {
    return dashboard.node().meters().counter(SessionApi.LOGINS, "outcome", "rate_limited").count();
  }

  /** {@code POST /api/v1/session} from a client bound to {@code from}, a loopback address. */
  private static HttpResponse<Buffer> signIn(
      String from, String forwardedFor, String login, String password) {
    WebClient client =
        CLIENTS.computeIfAbsent(
            from,
            a ->
                WebClient.create(
                    dashboard.vertx(),
                    new WebClientOptions()
                        .setLocalAddress(a)
                        .setDefaultHost("127.0.0.1")
                        .setDefaultPort(dashboard.port())));
    HttpRequest<Buffer> request = client.post("/api/v1/session");
    if (forwardedFor != null) {
      request.putHeader("X-Forwarded-For", forwardedFor);
    }
    return request
        .timeout(10_000)
        .sendJsonObject(new JsonObject().put("login", login).put("password", password))
        .await();
  }
}

package org.caregrid.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import org.caregrid.dashboard.testing.ApiClient;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.dashboard.testing.TestDashboard;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signing in, the session it opens, and the guard on every other route, over real HTTP. */
class SessionApiIT {
  private TestDashboard dashboard;
  private StaffFixture.User nurse;
  private int station;

  @BeforeEach
  void setUp() throws Exception {
    dashboard = TestDashboard.start(TestDashboard.AUTH.withIdleTimeout(Duration.ofSeconds(2)));
    station =
        new RegistryFixture(dashboard.node().dataSource())
            .station("A", "community", 0, 40.6, 109.9, 5);
    nurse =
        new StaffFixture(dashboard.node().dataSource())
            .user("Li.Wei", StaffRole.STATION_STAFF, station);
  }

  @AfterEach
  void tearDown() {
    if (dashboard != null) {
      dashboard.close();
    }
  }

  @Test
  void signsInAndSaysWhoIsSignedIn() {
    ApiClient client = dashboard.client();

    ApiClient.Response login = client.login("li.wei", StaffFixture.PASSWORD);

    assertThat(login.status()).isEqualTo(200);
    JsonObject user = login.json().getJsonObject("user");
    assertThat(user.getInteger("id")).isEqualTo(nurse.id());
    assertThat(user.getString("login")).isEqualTo("li.wei");
    assertThat(user.getString("displayName")).isEqualTo("Test Li.Wei");
    assertThat(user.getString("role")).isEqualTo("station_staff");
    assertThat(user.getInteger("stationId")).isEqualTo(station);
    assertThat(user.getString("stationName")).isEqualTo("Station A");
    assertThat(login.json().getString("csrfToken")).hasSizeGreaterThanOrEqualTo(43);
    // attribute names are case-insensitive (RFC 6265 5.2); Netty writes "HTTPOnly"
    assertThat(login.header("Set-Cookie").orElseThrow().toLowerCase(Locale.ROOT))
        .startsWith("caregrid_session=")
        .contains("; path=/", "; httponly", "; samesite=strict")
        .doesNotContain("secure", "max-age");

    ApiClient.Response me = client.get("/session");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json()).isEqualTo(login.json());
  }

  @Test
  void refusesAWrongPasswordAndAnUnknownLoginAlike() {
    ApiClient.Response wrong = dashboard.client().login("li.wei", "not-the-password");
    ApiClient.Response unknown = dashboard.client().login("nobody", StaffFixture.PASSWORD);

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("Content-Type")).contains("application/problem+json");
    assertThat(wrong.header("Set-Cookie")).isEmpty();
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo(wrong.body());
    assertThat(Sql.count(dashboard.node().dataSource(), "SELECT count(*) FROM staff_session"))
        .isZero();
  }

  @Test
  void refusesABodyWithoutPassword() {
    ApiClient.Response r =
        dashboard.client().post("/session", new JsonObject().put("login", "li.wei"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("detail")).contains("password");
  }

  @Test
  void refusesEveryOtherRouteWithoutASession() {
    ApiClient anonymous = dashboard.client();

    assertThat(anonymous.get("/session").status()).isEqualTo(401);
    assertThat(anonymous.get("/alerts").status()).isEqualTo(401);
    assertThat(anonymous.get("/alerts/stream").status()).isEqualTo(401);
    assertThat(anonymous.withSessionCookie("forged").get("/alerts").status()).isEqualTo(401);
    ApiClient.Response r = anonymous.get("/alerts");
    assertThat(r.json().getInteger("status")).isEqualTo(401);
    assertThat(r.json().getString("title")).isEqualTo("Unauthorized");
  }

  @Test
  void leavesTheApiDescriptionOpen() {
    // served by the OpenAPI route once mounted; until then 404, never 401
    assertThat(dashboard.client().get("/openapi.yaml").status()).isNotEqualTo(401);
  }

  @Test
  void aDisabledUsersSessionsStopWorking() throws Exception {
    ApiClient client = dashboard.client();
    client.login("li.wei", StaffFixture.PASSWORD);

    Sql.execute(dashboard.node().dataSource(), "UPDATE staff_user SET active = false");

    assertThat(client.get("/session").status()).isEqualTo(401);
    assertThat(dashboard.client().login("li.wei", StaffFixture.PASSWORD).status()).isEqualTo(401);
  }

  @Test
  void refusesAWriteWithoutTheSessionsCsrfToken() {
    ApiClient client = dashboard.client();
    client.login("li.wei", StaffFixture.PASSWORD);
    String token = client.csrfToken();

    assertThat(client.withCsrfToken(null).delete("/session").status()).isEqualTo(403);
    assertThat(client.withCsrfToken(token + "x").delete("/session").status()).isEqualTo(403);
    ApiClient other = dashboard.client();
    other.login("li.wei", StaffFixture.PASSWORD);
    assertThat(client.withCsrfToken(other.csrfToken()).delete("/session").status()).isEqualTo(403);

    assertThat(client.get("/session").status()).isEqualTo(200);
    assertThat(client.withCsrfToken(token).delete("/session").status()).isEqualTo(204);
  }

  @Test
  void signingOutEndsTheSession() {
    ApiClient client = dashboard.client();
    client.login("li.wei", StaffFixture.PASSWORD);
    String cookie = client.sessionCookie();

    ApiClient.Response out = client.logout();

    assertThat(out.status()).isEqualTo(204);
    assertThat(out.header("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(client.sessionCookie()).isNull();
    assertThat(dashboard.client().withSessionCookie(cookie).get("/session").status())
        .isEqualTo(401);
  }

  @Test
  void anIdleSessionExpires() {
    ApiClient client = dashboard.client();
    client.login("li.wei", StaffFixture.PASSWORD);
    assertThat(client.get("/session").status()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Sql.count(
                        dashboard.node().dataSource(),
                        "SELECT count(*) FROM staff_session WHERE expires_at <= now()")
                    == 1);

    assertThat(client.get("/session").status()).isEqualTo(401);
  }

  @Test
  void aBusySessionStillEndsAtItsMaximumLifetime() throws Exception {
    ApiClient client = dashboard.client();
    client.login("li.wei", StaffFixture.PASSWORD);

    Sql.execute(
        dashboard.node().dataSource(),
        "UPDATE staff_session SET created_at = now() - interval '12 hours 1 second'");

    assertThat(client.get("/session").status()).isEqualTo(401);
  }

  @Test
  void keepsOnlyADigestOfTheSessionToken() {
    ApiClient client = dashboard.client();
    client.login("li.wei", StaffFixture.PASSWORD);

    String stored =
        Sql.text(
            dashboard.node().dataSource(),
            "SELECT encode(token_hash, 'base64') || csrf_token FROM staff_session");

    assertThat(stored).doesNotContain(client.sessionCookie());
    assertThat(
            Sql.count(
                dashboard.node().dataSource(),
                "SELECT count(*) FROM staff_session WHERE token_hash = sha256(convert_to('"
                    + client.sessionCookie()
                    + "', 'UTF8'))"))
        .isEqualTo(1);
  }

  @Test
  void aSessionOutlivesARestartOfTheServer() {
    ApiClient client = dashboard.client();
    client.login("li.wei", StaffFixture.PASSWORD);
    String cookie = client.sessionCookie();

    dashboard = dashboard.restarted();

    assertThat(dashboard.client().withSessionCookie(cookie).get("/session").status())
        .isEqualTo(200);
  }
}

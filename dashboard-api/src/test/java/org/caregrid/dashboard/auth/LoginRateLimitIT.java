package org.caregrid.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.caregrid.dashboard.testing.ApiClient;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.dashboard.testing.TestDashboard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Password guessing meets 429 with Retry-After, per login and per client address (defaults). */
class LoginRateLimitIT {
  private TestDashboard dashboard;
  private StaffFixture.User admin;
  private StaffFixture.User other;

  @BeforeEach
  void setUp() throws Exception {
    dashboard = TestDashboard.start();
    StaffFixture staff = new StaffFixture(dashboard.node().dataSource());
    admin = staff.districtAdmin();
    other = staff.programmeAdmin();
  }

  @AfterEach
  void tearDown() {
    dashboard.close();
  }

  private double limited() {
    return dashboard.node().meters().counter(SessionApi.LOGINS, "outcome", "rate_limited").count();
  }

  @Test
  void fiveFailuresLockTheLoginEvenAgainstTheRightPassword() {
    ApiClient client = dashboard.client();
    for (int i = 0; i < 5; i++) {
      assertThat(client.login(admin.login(), "guess-" + i).status()).isEqualTo(401);
    }

    ApiClient.Response r = client.login(admin.login(), admin.password());

    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().getString("title")).isEqualTo("Too Many Requests");
    assertThat(Long.parseLong(r.header("Retry-After").orElseThrow())).isBetween(1L, 900L);
    assertThat(limited()).isEqualTo(1.0);
    assertThat(dashboard.client().login(other.login(), other.password()).status()).isEqualTo(200);
  }

  @Test
  void aSuccessClearsTheLoginsFailures() {
    ApiClient client = dashboard.client();
    for (int i = 0; i < 4; i++) {
      client.login(admin.login(), "guess-" + i);
    }
    assertThat(client.login(admin.login(), admin.password()).status()).isEqualTo(200);

    for (int i = 0; i < 4; i++) {
      assertThat(client.login(admin.login(), "again-" + i).status()).isEqualTo(401);
    }
    assertThat(client.login(admin.login(), admin.password()).status()).isEqualTo(200);
    assertThat(limited()).isZero();
  }

  @Test
  void twentyFailuresLockTheClientAddress() {
    ApiClient client = dashboard.client();
    for (int i = 0; i < 20; i++) {
      assertThat(client.login("nobody-" + i, "guess").status()).isEqualTo(401);
    }

    ApiClient.Response r = client.login(admin.login(), admin.password());

    assertThat(r.status()).isEqualTo(429);
    assertThat(r.header("Retry-After")).isPresent();
    assertThat(limited()).isEqualTo(1.0);
  }
}

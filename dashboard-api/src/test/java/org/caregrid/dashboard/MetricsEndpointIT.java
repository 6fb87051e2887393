package org.caregrid.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.caregrid.core.config.HttpConfig;
import org.caregrid.dashboard.testing.TestDashboard;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code /metrics} behind {@code http.metrics-token}, and open without one. */
@Timeout(60)
class MetricsEndpointIT {
  private static final String SCRAPE = "caregrid_test_total 1.0\n";

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Vertx vertx;
  private TestNode node;
  private DashboardRole role;

  private void start(String token) {
    vertx = Vertx.vertx();
    node = TestNode.start(vertx, TestServices.freshDatabase());
    role =
        new DashboardRole(
            node.node(),
            new HttpConfig("127.0.0.1", 0, token),
            TestDashboard.AUTH,
            HealthChecks.create(vertx),
            () -> SCRAPE);
    role.start().await();
  }

  @AfterEach
  void stop() {
    if (role != null) {
      role.stop().await();
    }
    if (node != null) {
      node.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  private HttpResponse<String> metrics(String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + role.port() + "/metrics"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void asksForTheTokenWhenOneIsSet() throws Exception {
    start("scrape-8c1f");

    HttpResponse<String> none = metrics(null);
    HttpResponse<String> wrong = metrics("Bearer scrape-8c1e");
    HttpResponse<String> basic = metrics("Basic c2NyYXBlLThjMWY=");
    HttpResponse<String> right = metrics("Bearer scrape-8c1f");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"metrics\"");
    assertThat(none.body()).isEmpty();
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEmpty();
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(right.body()).isEqualTo(SCRAPE);
  }

  @Test
  void isOpenWithoutAToken() throws Exception {
    start("");

    HttpResponse<String> response = metrics(null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(SCRAPE);
  }
}

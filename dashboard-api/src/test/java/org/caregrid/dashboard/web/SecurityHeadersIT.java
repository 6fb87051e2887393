package org.caregrid.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.caregrid.dashboard.testing.TestDashboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The console's pages, its scripts and styles, the API's answers (200, 401, 404) and the server's
 * own routes all carry the security headers, over real HTTP; HSTS only with {@code
 * auth.secure-cookie}.
 */
@Timeout(120)
class SecurityHeadersIT {
  private static final List<String> PATHS =
      List.of(
          "/",
          "/index.html",
          "/console.js",
          "/js/api.js",
          "/console.css",
          "/bigscreen.html",
          "/bigscreen/bigscreen.js",
          "/api/v1/openapi.yaml",
          "/api/v1/alerts",
          "/api/v1/session",
          "/api/v1/no-such-route",
          "/no-such-file.js",
          "/health");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Test
  void everyAnswerCarriesThePolicyAndNoHstsOverPlainHttp() throws Exception {
    try (TestDashboard dashboard = TestDashboard.start()) {
      for (String path : PATHS) {
        HttpResponse<String> r = get(dashboard, path);

        assertThat(r.headers().firstValue("Content-Security-Policy"))
            .as(path)
            .hasValue(SecurityHeaders.POLICY);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        assertThat(r.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
      }
      String policy = SecurityHeaders.POLICY;
      assertThat(policy).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
      assertThat(policy).contains("frame-ancestors 'none'").contains("script-src 'self'");
    }
  }

  @Test
  void hstsIsSentWhenTheCookieIsSecure() throws Exception {
    try (TestDashboard dashboard = TestDashboard.start(TestDashboard.AUTH.withSecureCookie(true))) {
      for (String path : List.of("/", "/console.js", "/api/v1/alerts")) {
        assertThat(get(dashboard, path).headers().firstValue("Strict-Transport-Security"))
            .as(path)
            .hasValue(SecurityHeaders.HSTS);
      }
    }
  }

  private HttpResponse<String> get(TestDashboard dashboard, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

package org.caregrid.bench.dashboard;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One signed-in user of the API over plain HTTP/1.1 ({@code java.net.http}): the session cookie
 * kept by the client, the CSRF token sent with every write.
 */
public final class ApiSession {
  private final HttpClient http;
  private final CookieManager cookies = new CookieManager();
  private final URI base;
  private final String csrfToken;

  private ApiSession(URI base, String login, String password)
      throws IOException, InterruptedException {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> r =
        http.send(
            json("/api/v1/session", new JsonObject().put("login", login).put("password", password))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "signing in as " + login + ": HTTP " + r.statusCode() + " " + r.body());
    }
    csrfToken = new JsonObject(r.body()).getString("csrfToken");
  }

  public static ApiSession signIn(int port, String login, String password)
      throws IOException, InterruptedException {
    return new ApiSession(URI.create("http://127.0.0.1:" + port), login, password);
  }

  /** The session cookie, for clients that do not share this one's cookie jar (the SSE clients). */
  String cookieHeader() {
    return cookies.getCookieStore().getCookies().stream()
        .map(HttpCookie::toString)
        .reduce((a, b) -> a + "; " + b)
        .orElseThrow(() -> new IllegalStateException("no session cookie"));
  }

  public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, JsonObject body) throws IOException, InterruptedException {
    return http.send(
        json(path, body).header("X-CSRF-Token", csrfToken).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder json(String path, JsonObject body) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
  }
}

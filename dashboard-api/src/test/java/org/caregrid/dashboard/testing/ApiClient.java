package org.caregrid.dashboard.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A console user's view of the API, for tests: {@link #login} once, then {@link #get}, {@link
 * #post}, {@link #put} and {@link #delete} send the session cookie and, on writes, the {@code
 * X-CSRF-Token} header, as the browser console does. Blocking (java.net.http): call it from the
 * test thread, never from an event loop.
 *
 * <pre>{@code
 * ApiClient lead = dashboard.client();
 * assertThat(lead.login("lead.a", StaffFixture.PASSWORD).status()).isEqualTo(200);
 * ApiClient.Response r = lead.put("/stations/3/duty", new JsonObject().put("onDuty", false));
 * assertThat(r.status()).isEqualTo(200);
 * assertThat(r.json().getBoolean("onDuty")).isFalse();
 * }</pre>
 */
public final class ApiClient {
  public static final String COOKIE = "caregrid_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private String session;
  private String csrfToken;

  /** A client of the API on {@code 127.0.0.1:port}, not signed in. */
  public ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port + "/api/v1";
  }

  /** A status, a body and the headers. */
  public record Response(int status, String body, HttpHeaders headers) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray jsonArray() {
      return new JsonArray(body);
    }

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  /**
   * {@code POST /session}; on 200 the client keeps the cookie and the CSRF token for what follows.
   */
  public Response login(String login, String password) {
    Response r =
        send("POST", "/session", new JsonObject().put("login", login).put("password", password));
    if (r.status() == 200) {
      csrfToken = r.json().getString("csrfToken");
    }
    return r;
  }

  /** {@code DELETE /session}. */
  public Response logout() {
    return delete("/session");
  }

  /**
   * @param path below {@code /api/v1}, with its query, e.g. {@code /alerts?state=all}
   */
  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response post(String path, JsonObject body) {
    return send("POST", path, body);
  }

  public Response put(String path, JsonObject body) {
    return send("PUT", path, body);
  }

  public Response delete(String path) {
    return send("DELETE", path, null);
  }

  /** The session cookie's value, or null: to check that it changes or to use it elsewhere. */
  public String sessionCookie() {
    return session;
  }

  public String csrfToken() {
    return csrfToken;
  }

  /** Sends the following writes without (null) or with another CSRF token. */
  public ApiClient withCsrfToken(String token) {
    this.csrfToken = token;
    return this;
  }

  /** Sends the following requests with this cookie value (null: none). */
  public ApiClient withSessionCookie(String value) {
    this.session = value;
    return this;
  }

  /** Any request: the cookie always, the CSRF token on anything but GET. */
  public Response send(String method, String path, JsonObject body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (session != null) {
      b.header("Cookie", COOKIE + "=" + session);
    }
    if (!method.equals("GET") && csrfToken != null) {
      b.header(CSRF_HEADER, csrfToken);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      keepCookie(r.headers());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path + " interrupted", e);
    }
  }

  /** Follows Set-Cookie for the session as a browser would: set, or dropped by Max-Age=0. */
  private void keepCookie(HttpHeaders headers) {
    for (String c : headers.allValues("Set-Cookie")) {
      if (!c.startsWith(COOKIE + "=")) {
        continue;
      }
      int end = c.indexOf(';');
      String value = c.substring(COOKIE.length() + 1, end < 0 ? c.length() : end);
      session = value.isEmpty() || c.contains("Max-Age=0") ? null : value;
    }
  }
}

package org.caregrid.dashboard.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The {@code caregrid_session} cookie. HttpOnly so that script injected into the console cannot
 * read it; SameSite=Strict so that other sites' pages cannot send it (the CSRF header is the second
 * guard); no Max-Age, so that it ends with the browser while the server enforces the timeouts.
 */
final class SessionCookie {
  static final String NAME = "caregrid_session";

  /** Longer values are not ours: not worth hashing. */
  private static final int MAX_LENGTH = 128;

  private final boolean secure;

  SessionCookie(boolean secure) {
    this.secure = secure;
  }

  /** The session token the request carries, or null. */
  static String read(HttpServerRequest request) {
    Cookie c = request.getCookie(NAME);
    return c == null || c.getValue().isEmpty() || c.getValue().length() > MAX_LENGTH
        ? null
        : c.getValue();
  }

  void set(HttpServerResponse response, String token) {
    response.addCookie(base(token));
  }

  /** Tells the browser to drop the cookie. */
  void clear(HttpServerResponse response) {
    response.addCookie(base("").setMaxAge(0));
  }

  private Cookie base(String value) {
    return Cookie.cookie(NAME, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSecure(secure)
        .setSameSite(CookieSameSite.STRICT);
  }
}

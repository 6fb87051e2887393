package org.caregrid.dashboard.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every response of the dashboard's server carries, console, scripts and API alike: a
 * Content-Security-Policy that allows only this origin's scripts, styles and connections (no inline
 * script or style attribute, so injected markup cannot run or restyle the page), no framing, no
 * MIME sniffing and no Referer. HSTS only when the console is served over HTTPS, as {@code
 * auth.secure-cookie} says; over plain HTTP browsers ignore it anyway.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  /**
   * The policy: the console builds its DOM from modules and sets styles only via element.style;
   * images may be {@code data:} URLs, which the favicon counting unaccepted alerts is drawn into.
   */
  public static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  /** A year, the figure browsers' preload lists ask for at least. */
  static final String HSTS = "max-age=31536000";

  private final boolean https;

  /**
   * @param https whether the console is served over HTTPS ({@code auth.secure-cookie})
   */
  public SecurityHeaders(boolean https) {
    this.https = https;
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers
        .set("Content-Security-Policy", POLICY)
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "no-referrer");
    if (https) {
      headers.set("Strict-Transport-Security", HSTS);
    }
    ctx.next();
  }
}

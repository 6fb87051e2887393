package org.caregrid.dashboard;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} in Prometheus's text format, behind a bearer token when {@code
 * http.metrics-token} is set: meters name no resident, but they tell an outsider how busy the
 * platform is and whether a station is answering. 401 without the token or with another one.
 */
final class MetricsEndpoint implements Handler<RoutingContext> {
  private static final String BEARER = "Bearer ";

  private final byte[] token;
  private final Supplier<String> scrape;

  /**
   * @param token the token to ask for; empty: none
   */
  MetricsEndpoint(String token, Supplier<String> scrape) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.scrape = scrape;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (token.length > 0 && !authorised(ctx.request().getHeader("Authorization"))) {
      ctx.response()
          .setStatusCode(401)
          .putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"")
          .end();
      return;
    }
    ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(scrape.get());
  }

  /** In constant time, so that the answer's timing does not tell how much of a guess was right. */
  private boolean authorised(String header) {
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    byte[] offered = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(offered, token);
  }
}

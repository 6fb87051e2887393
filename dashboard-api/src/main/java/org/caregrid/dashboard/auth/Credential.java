package org.caregrid.dashboard.auth;

import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;

/**
 * What a request was let in with, asked again by a response that outlives its request (the live
 * stream): a session that was signed out, expired or whose user was disabled, or a token revoked,
 * is no longer live. Blocking: call on the database workers.
 */
@FunctionalInterface
public interface Credential {
  String KEY = "caregrid.credential";

  /** Whether it would still let the request in, without extending its idle time. */
  boolean live() throws SQLException;

  /**
   * The request's credential; the auth handler has refused the request already if there is none.
   */
  static Credential of(RoutingContext ctx) {
    Credential c = ctx.get(KEY);
    if (c == null) {
      throw new IllegalStateException("no credential: route mounted outside the auth handler");
    }
    return c;
  }
}

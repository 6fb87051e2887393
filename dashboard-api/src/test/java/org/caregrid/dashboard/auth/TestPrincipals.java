package org.caregrid.dashboard.auth;

import io.vertx.ext.web.RoutingContext;

/** Puts a user on a request as the auth handler would, for tests of handlers behind it. */
public final class TestPrincipals {
  private TestPrincipals() {}

  public static void put(RoutingContext ctx, Principal who) {
    ctx.put(Principal.KEY, who);
  }
}

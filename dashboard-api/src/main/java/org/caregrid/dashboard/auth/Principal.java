package org.caregrid.dashboard.auth;

import io.vertx.ext.web.RoutingContext;

/**
 * The signed-in staff user a request acts for. The auth handler puts it on every request under
 * {@code /api/v1} except logging in; handlers read it with {@link #of}.
 *
 * @param stationId the user's station for station roles, otherwise null
 */
public record Principal(
    int userId, String login, String displayName, StaffRole role, Integer stationId) {
  static final String KEY = "caregrid.principal";

  public Principal {
    if (role.atOneStation() != (stationId != null)) {
      throw new IllegalArgumentException(role.code() + " and station " + stationId);
    }
  }

  /** The request's user; the auth handler has refused the request already if there is none. */
  public static Principal of(RoutingContext ctx) {
    Principal p = ctx.get(KEY);
    if (p == null) {
      throw new IllegalStateException("no principal: route mounted outside the auth handler");
    }
    return p;
  }

  /** True for district and programme staff, who see every station's alerts. */
  public boolean seesAllStations() {
    return !role.atOneStation();
  }

  /** The station key alerting expects in an {@code AlertCommand}: 0 means any. */
  public int commandStationKey() {
    return seesAllStations() ? 0 : stationId;
  }
}

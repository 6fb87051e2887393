package org.caregrid.dashboard.auth;

import io.vertx.ext.web.RoutingContext;

/**
 * The signed-in staff user a request acts for. The auth handler puts it on every request under
 * {@code /api/v1} except logging in; handlers read it with {@link #of}.
 *
 * @param stationId the user's station for station roles; for a kiosk or the city platform the
 *     station whose units it sees, or null for the whole district; otherwise null
 */
public record Principal(
    int userId, String login, String displayName, StaffRole role, Integer stationId) {
  static final String KEY = "caregrid.principal";

  public Principal {
    if ((role.atOneStation() && stationId == null)
        || (!role.mayHaveStation() && stationId != null)) {
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

  /** True for district and programme staff (and district-wide kiosks), who see every station. */
  public boolean seesAllStations() {
    return stationId == null;
  }

  /** The station key alerting expects in an {@code AlertCommand}: 0 means any. */
  public int commandStationKey() {
    return seesAllStations() ? 0 : stationId;
  }
}

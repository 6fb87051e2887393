package org.caregrid.dashboard.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.caregrid.dashboard.api.ApiFailures.Refused;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;

/**
 * The station a request under {@code /stations/{id}} is about. To station staff other stations do
 * not exist (404), as in the station list; district and programme staff reach any.
 */
final class StationPath {
  private StationPath() {}

  /**
   * The path's station if the user's role is one of {@code allowed} (else 403) and the station is
   * theirs or they see every station (else 404).
   */
  static int station(RoutingContext ctx, Set<StaffRole> allowed) {
    Principal who = Principal.of(ctx);
    if (!allowed.contains(who.role())) {
      throw new Refused(403, "your role may not do this");
    }
    int id;
    try {
      id = Integer.parseInt(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw notFound(ctx);
    }
    if (!who.seesAllStations() && who.stationId() != id) {
      throw notFound(ctx);
    }
    return id;
  }

  static Refused notFound(RoutingContext ctx) {
    return new Refused(404, "no station " + ctx.pathParam("id"));
  }
}

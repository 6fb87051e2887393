package org.caregrid.dashboard.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;

/** The contract's Roles table, for the registry's resources: who may do what. */
final class Access {
  /** Enrol residents, homes and devices; edit care plans. */
  static final Set<StaffRole> PROGRAMME = Set.of(StaffRole.PROGRAMME_ADMIN);

  /** The fleet, the homes and the reports: district-wide views. */
  static final Set<StaffRole> DISTRICT =
      Set.of(StaffRole.DISTRICT_ADMIN, StaffRole.PROGRAMME_ADMIN);

  private Access() {}

  /**
   * The request's user if their role is one of {@code allowed}; otherwise the request has failed
   * with 403 and null is returned.
   */
  static Principal require(RoutingContext ctx, Set<StaffRole> allowed) {
    Principal who = Principal.of(ctx);
    if (!allowed.contains(who.role())) {
      ctx.fail(403);
      return null;
    }
    return who;
  }

  /**
   * The station whose residents the user may see, or null for every resident: station staff see
   * only residents with an alert routed to their station.
   */
  static Integer residentScope(Principal who) {
    return who.seesAllStations() ? null : who.stationId();
  }
}

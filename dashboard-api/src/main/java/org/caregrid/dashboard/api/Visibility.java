package org.caregrid.dashboard.api;

import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.StationScope;

/** Which station's view a user has, in the form the queries take. */
final class Visibility {
  private Visibility() {}

  /** One station's view for station roles; every station's for district and programme staff. */
  static StationScope of(Principal who) {
    return who.seesAllStations() ? StationScope.ALL : StationScope.station(who.stationId());
  }
}

package org.caregrid.dashboard.api;

import org.caregrid.dashboard.auth.Principal;

/** Which station's view a user has, in the form the queries take. */
final class Visibility {
  private Visibility() {}

  /** The user's station for station roles; null for district and programme staff, who see all. */
  static Integer stationOf(Principal who) {
    return who.seesAllStations() ? null : who.stationId();
  }
}

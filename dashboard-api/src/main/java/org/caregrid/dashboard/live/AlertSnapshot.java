package org.caregrid.dashboard.live;

import java.util.List;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.dashboard.api.AlertJson;
import org.caregrid.dashboard.auth.Principal;

/**
 * An alert as one stream event carries it.
 *
 * @param eventId the id of the alert's latest {@code alert_event}: the SSE {@code id:}
 * @param stations every station the alert was routed to
 */
record AlertSnapshot(long eventId, AlertChange alert, List<Integer> stations) {

  /** Station staff see alerts routed to their station; district and programme staff all. */
  boolean visibleTo(Principal who) {
    return who.seesAllStations() || stations.contains(who.stationId());
  }

  /** The SSE frame. */
  String frame() {
    return "id: " + eventId + "\nevent: alert\ndata: " + AlertJson.of(alert).encode() + "\n\n";
  }
}

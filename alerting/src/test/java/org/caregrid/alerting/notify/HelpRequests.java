package org.caregrid.alerting.notify;

import java.time.Instant;
import org.caregrid.alerting.routing.HelpRequest;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.AlertState;
import org.caregrid.core.alert.Severity;

/** Help requests for tests. */
final class HelpRequests {
  static final Instant RAISED = Instant.parse("2025-12-01T02:10:05.123Z");

  private HelpRequests() {}

  static HelpRequest fallAt(String stationCode, long alertId) {
    return new HelpRequest(
        alertId,
        AlertKind.FALL,
        Severity.CRITICAL,
        AlertState.NOTIFIED,
        "fall detected in the bathroom",
        RAISED,
        RAISED.plusSeconds(60),
        0,
        false,
        new HelpRequest.Station(3, stationCode, "Qingshan community station", "community"),
        new HelpRequest.ResidentInfo(17, "Wang Fang"),
        new HelpRequest.HomeInfo(9, "12 Gangtie Road, flat 301", "Qingshan", 40.6571, 109.8402));
  }
}

package org.caregrid.alerting.routing;

import java.util.List;
import org.caregrid.core.alert.AlertChange;

/**
 * What one routing step did to an alert.
 *
 * @param requests one per station told at this step; empty when there was nobody left to tell
 */
public record Escalation(AlertChange alert, List<HelpRequest> requests) {
  public Escalation {
    requests = List.copyOf(requests);
  }
}

package org.caregrid.alerting.alert;

import java.util.List;
import org.caregrid.alerting.routing.HelpRequest;
import org.caregrid.alerting.routing.RouteStep;
import org.caregrid.core.alert.AlertChange;

/**
 * The result of raising: the alert as stored and, when it was opened just now, the first step of
 * its route (committed with it, its help requests to be sent now).
 *
 * @param step the first step when {@code opened}; otherwise a step without requests
 */
public record Raised(AlertChange alert, boolean opened, RouteStep step) {

  public List<HelpRequest> requests() {
    return step.requests();
  }
}

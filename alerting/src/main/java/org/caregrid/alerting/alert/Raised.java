package org.caregrid.alerting.alert;

import java.util.List;
import org.caregrid.alerting.routing.HelpRequest;
import org.caregrid.core.alert.AlertChange;

/**
 * The result of raising: the alert as stored and, when it was opened just now, the help requests of
 * its first routing step (committed with it, to be sent now).
 */
public record Raised(AlertChange alert, boolean opened, List<HelpRequest> requests) {
  public Raised {
    requests = List.copyOf(requests);
  }
}

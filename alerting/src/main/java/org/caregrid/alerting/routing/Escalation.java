package org.caregrid.alerting.routing;

import java.util.List;
import org.caregrid.core.alert.AlertChange;

/**
 * What one escalation did to an alert.
 *
 * @param alert the alert as it was when its deadline passed
 * @param step the step taken; without requests when there was nobody left to tell
 * @param again whether no step was left, so the last step's stations and the district centre were
 *     asked again (the step keeps its number)
 */
public record Escalation(AlertChange alert, RouteStep step, boolean again) {

  /** One per station told at this step; empty when there was nobody left to tell. */
  public List<HelpRequest> requests() {
    return step.requests();
  }
}

package org.caregrid.alerting.routing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One step of an alert's route as committed: the stations told at it, each by its help request.
 *
 * @param number 0 for the first routing, 1 and up for each escalation
 * @param requests one per station told, all with the step's deadline; empty when there was no
 *     station to tell (the alert stays for the console)
 */
public record RouteStep(int number, List<HelpRequest> requests) {
  public RouteStep {
    requests = List.copyOf(requests);
  }

  /** A step that found nobody to tell. */
  public static RouteStep none(int number) {
    return new RouteStep(number, List.of());
  }

  /** When the alert escalates unless a station told at this step accepts it. */
  public Optional<Instant> acceptBy() {
    return requests.isEmpty() ? Optional.empty() : Optional.of(requests.get(0).acceptBy());
  }
}

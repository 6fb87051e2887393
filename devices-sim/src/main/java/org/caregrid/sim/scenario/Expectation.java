package org.caregrid.sim.scenario;

import java.util.List;
import java.util.Map;

/**
 * What the platform should make of a scenario.
 *
 * @param alerts the alerts it should hold at the end, one per kind; none: it must raise nothing
 * @param rejected messages ingest should refuse, by reason ({@code decode}, {@code bad_time}...)
 * @param storedOnce every reading sent is stored, each exactly once however often it was sent
 */
public record Expectation(List<Alert> alerts, Map<String, Integer> rejected, boolean storedOnce) {
  static final Expectation NOTHING = new Expectation(List.of(), Map.of(), false);

  /**
   * @param severity its severity at the end
   * @param first its severity when raised, what the station's help request says, when it differs
   */
  public record Alert(String kind, String severity, String first) {
    public Alert {
      if (kind == null || severity == null) {
        throw new IllegalArgumentException("an expected alert needs a kind and a severity");
      }
      first = first == null ? severity : first;
    }
  }

  public Expectation {
    alerts = List.copyOf(alerts == null ? List.of() : alerts);
    rejected = Map.copyOf(rejected == null ? Map.of() : rejected);
  }
}

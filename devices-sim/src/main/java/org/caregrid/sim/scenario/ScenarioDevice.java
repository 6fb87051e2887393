package org.caregrid.sim.scenario;

import java.time.Duration;
import java.util.Map;
import org.caregrid.core.device.DeviceKind;

/**
 * A device in a scenario.
 *
 * @param name the scenario's name for it; the device id comes from whoever runs the scenario
 * @param every how often it reports {@code report} on its own, and the report interval enrolled for
 *     it (the platform calls a device offline after 3 silent intervals); null: it never reports
 * @param report the readings of its regular report, by metric code
 * @param skew how far its clock is off: its messages are stamped this much ahead (negative: behind)
 * @param enrolled false for a device the registry does not know
 */
public record ScenarioDevice(
    String name,
    DeviceKind kind,
    Duration every,
    Map<String, Double> report,
    Duration skew,
    Boolean enrolled) {

  public ScenarioDevice {
    if (name == null || kind == null) {
      throw new IllegalArgumentException("a device needs a name and a kind");
    }
    if (every != null && (every.isZero() || every.isNegative())) {
      throw new IllegalArgumentException(name + ": every must be positive");
    }
    report = Map.copyOf(report == null ? Map.of() : report);
    skew = skew == null ? Duration.ZERO : skew;
    enrolled = enrolled == null || enrolled;
  }

  public boolean isEnrolled() {
    return enrolled;
  }

  public boolean reports() {
    return every != null && !report.isEmpty();
  }
}

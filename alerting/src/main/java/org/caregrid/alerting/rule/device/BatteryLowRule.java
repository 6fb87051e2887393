package org.caregrid.alerting.rule.device;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Finding;
import org.caregrid.alerting.rule.Findings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.Rule;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.device.Device;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;

/**
 * A battery below {@code below} percent (default 15), or a device's own {@code battery_low} event →
 * low, once per device until its battery is back at or above {@code rearm-above} (replaced or
 * recharged), which adds a note.
 */
public final class BatteryLowRule implements Rule {
  private final double below;
  private final double rearmAbove;
  private final Set<Integer> low = new HashSet<>();

  public BatteryLowRule(RuleConfig.BatteryLow config) {
    this.below = config.below();
    this.rearmAbove = config.rearmAbove();
  }

  @Override
  public void onReadings(ReadingBatch batch, Resident resident, Findings findings) {
    for (Reading r : batch.readings()) {
      if (r.metric() != Metric.BATTERY) {
        continue;
      }
      String level = percent(r.value());
      if (r.value() < below) {
        raise(batch.device(), resident, r.time(), "battery at " + level, r.value(), findings);
      } else if (r.value() >= rearmAbove && low.remove(batch.device().key())) {
        findings.note(
            AlertKind.BATTERY_LOW,
            resident.key(),
            r.time(),
            batch.device().id() + " battery back at " + level);
      }
    }
  }

  @Override
  public void onEvent(EventBatch e, Resident resident, Findings findings) {
    if (e.event().type() == EventType.BATTERY_LOW) {
      raise(e.device(), resident, e.event().time(), "reports battery low", null, findings);
    }
  }

  private static String percent(double v) {
    return (v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v))
        + " %";
  }

  /**
   * @param level the battery's percentage, null when the device only says it is low
   */
  private void raise(
      Device d, Resident resident, long at, String what, Double level, Findings findings) {
    if (low.add(d.key())) {
      findings.raise(
          new AlertCandidate(
              AlertKind.BATTERY_LOW,
              Severity.LOW,
              resident.key(),
              d.key(),
              at,
              d.kind().code() + " " + d.id() + " " + what,
              level == null
                  ? Finding.of("battery", "deviceKind", d.kind().code(), "device", d.id().value())
                  : Finding.of(
                      "battery",
                      "deviceKind",
                      d.kind().code(),
                      "device",
                      d.id().value(),
                      "level",
                      level)));
    }
  }
}

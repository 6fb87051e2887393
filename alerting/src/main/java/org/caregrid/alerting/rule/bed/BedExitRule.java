package org.caregrid.alerting.rule.bed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Finding;
import org.caregrid.alerting.rule.Findings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.Thresholds;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;

/**
 * Out of bed at night and not back: the resident leaves bed inside their night window and is not
 * back within {@code bed_return_min} (default 30 min, the telecare convention) → high, decided on
 * the tick. Getting back into bed afterwards adds a note; the alert stays for staff to close.
 */
public final class BedExitRule extends BedObservingRule {
  static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  private final Clock clock;
  private final Map<Integer, State> residents = new HashMap<>();

  private static final class State {
    final BedPresence presence = new BedPresence();
    int deviceKey;
    boolean raised;
  }

  public BedExitRule(Clock clock) {
    this.clock = clock;
  }

  @Override
  void observe(
      boolean in, long at, boolean isEvent, int deviceKey, Resident resident, Findings findings) {
    State s = residents.computeIfAbsent(resident.key(), k -> new State());
    if (!s.presence.observe(in, at, isEvent)) {
      return;
    }
    s.deviceKey = deviceKey;
    if (in && s.raised) {
      findings.note(
          AlertKind.BED_EXIT_NO_RETURN,
          resident.key(),
          at,
          "back in bed at " + local(at, resident.zone()));
    }
    s.raised = false;
  }

  @Override
  public void onTick(Resident resident, Findings findings) {
    State s = residents.get(resident.key());
    if (s == null
        || s.raised
        || !s.presence.outOfBed()
        || s.presence.since() == BedPresence.UNKNOWN) {
      return;
    }
    Thresholds t = resident.thresholds();
    long left = s.presence.since();
    long now = clock.millis();
    Duration out = Duration.ofMillis(now - left);
    if (!t.night().contains(left, resident.zone()) || out.compareTo(t.bedReturn()) < 0) {
      return;
    }
    s.raised = true;
    findings.raise(
        new AlertCandidate(
            AlertKind.BED_EXIT_NO_RETURN,
            Severity.HIGH,
            resident.key(),
            s.deviceKey,
            now,
            "left bed at "
                + local(left, resident.zone())
                + " (night "
                + t.night()
                + ") and not back after "
                + out.toMinutes()
                + " min",
            Finding.of(
                "bed_exit",
                "leftAt",
                local(left, resident.zone()),
                "night",
                t.night().toString(),
                "outMin",
                out.toMinutes())));
  }

  static String local(long at, ZoneId zone) {
    return HH_MM.format(LocalTime.ofInstant(Instant.ofEpochMilli(at), zone));
  }
}

package org.caregrid.alerting.rule.bed;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Finding;
import org.caregrid.alerting.rule.Findings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;

/**
 * The care plan's bed times, in the home's time zone: not in bed at {@code not_in_bed_by}, or still
 * in bed at {@code not_up_by} → high. Each day's time is checked once, at the first tick after it
 * with known bed presence; a time that passed longer ago than {@code deadline-check-within} (the
 * platform was down) is skipped rather than judged on what the bed says hours later. A resident
 * without these keys is never checked.
 */
public final class BedTimesRule extends BedObservingRule {
  private final long checkWithinMillis;
  private final Clock clock;
  private final Map<Integer, State> residents = new HashMap<>();

  private static final class State {
    final BedPresence presence = new BedPresence();
    final Map<AlertKind, Long> checked = new EnumMap<>(AlertKind.class);
    final Set<AlertKind> raised = EnumSet.noneOf(AlertKind.class);
    int deviceKey;
  }

  public BedTimesRule(RuleConfig.Bed config, Clock clock) {
    this.checkWithinMillis = config.deadlineCheckWithin().toMillis();
    this.clock = clock;
  }

  @Override
  void observe(
      boolean in, long at, boolean isEvent, int deviceKey, Resident resident, Findings findings) {
    State s = residents.computeIfAbsent(resident.key(), k -> new State());
    s.deviceKey = deviceKey;
    if (!s.presence.observe(in, at, isEvent)) {
      return;
    }
    AlertKind settled = in ? AlertKind.NOT_IN_BED_BY : AlertKind.NOT_UP_BY;
    if (s.raised.remove(settled)) {
      String what = in ? "in bed at " : "up at ";
      findings.note(settled, resident.key(), at, what + BedExitRule.local(at, resident.zone()));
    }
  }

  @Override
  public void onTick(Resident resident, Findings findings) {
    State s = residents.get(resident.key());
    if (s == null || !s.presence.known()) {
      return;
    }
    long now = clock.millis();
    check(s, AlertKind.NOT_IN_BED_BY, resident.thresholds().notInBedBy(), resident, now, findings);
    check(s, AlertKind.NOT_UP_BY, resident.thresholds().notUpBy(), resident, now, findings);
  }

  private void check(
      State s,
      AlertKind kind,
      Optional<LocalTime> time,
      Resident resident,
      long now,
      Findings findings) {
    if (time.isEmpty()) {
      return;
    }
    long deadline = lastOccurrence(time.get(), now, resident.zone());
    if (s.checked.getOrDefault(kind, Long.MIN_VALUE) >= deadline
        || now - deadline > checkWithinMillis) {
      return;
    }
    s.checked.put(kind, deadline);
    boolean late = kind == AlertKind.NOT_UP_BY ? s.presence.inBed() : s.presence.outOfBed();
    if (!late) {
      return;
    }
    s.raised.add(kind);
    String detail =
        kind == AlertKind.NOT_UP_BY
            ? "still in bed at " + time.get() + ", the care plan's time to be up"
            : "not in bed at " + time.get() + ", the care plan's bedtime";
    findings.raise(
        new AlertCandidate(
            kind,
            Severity.HIGH,
            resident.key(),
            s.deviceKey,
            now,
            detail,
            Finding.of(
                kind == AlertKind.NOT_UP_BY ? "still_in_bed" : "not_in_bed",
                "time",
                time.get().toString())));
  }

  /** The latest moment at or before {@code now} that the clock in {@code zone} showed {@code t}. */
  private static long lastOccurrence(LocalTime t, long now, ZoneId zone) {
    ZonedDateTime local = Instant.ofEpochMilli(now).atZone(zone);
    ZonedDateTime today = local.toLocalDate().atTime(t).atZone(zone);
    return (today.isAfter(local) ? today.minusDays(1) : today).toInstant().toEpochMilli();
  }
}

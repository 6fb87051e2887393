package org.caregrid.alerting.rule.activity;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Finding;
import org.caregrid.alerting.rule.Findings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.Rule;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;

/**
 * No sign of movement for {@code inactivity_min} (default 4 h) of waking time → high, for residents
 * living alone who have a device that can see movement. Signs: a motion reading, a door opening, a
 * bed exit or entry, and a change in a device's {@code in_bed} or movement index. Only time outside
 * the night window counts, so a quiet night does not alert and the count resumes in the morning.
 * Until the first sign after a start, the count begins when the rule first sees the resident.
 */
public final class InactivityRule implements Rule {
  private static final Set<DeviceKind> SEE_MOVEMENT =
      EnumSet.of(DeviceKind.CARE_BED, DeviceKind.MOTION_SENSOR, DeviceKind.DOOR_SENSOR);
  private static final Set<EventType> MOVEMENT_EVENTS =
      EnumSet.of(EventType.DOOR_OPEN, EventType.BED_EXIT, EventType.BED_ENTER);

  private final Clock clock;
  private final Map<Integer, State> residents = new HashMap<>();
  private final Map<Long, Double> lastLevels = new HashMap<>();

  private static final class State {
    long lastMovement;
    int deviceKey;
    boolean raised;

    State(long since) {
      lastMovement = since;
    }
  }

  public InactivityRule(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void onReadings(ReadingBatch batch, Resident resident, Findings findings) {
    for (Reading r : batch.readings()) {
      boolean moved =
          switch (r.metric()) {
            case MOTION -> r.value() > 0;
            case IN_BED, MOVEMENT -> changed(batch.device().key(), r);
            default -> false;
          };
      if (moved) {
        moved(resident, batch.device().key(), r.time(), findings);
      }
    }
  }

  @Override
  public void onEvent(EventBatch e, Resident resident, Findings findings) {
    if (MOVEMENT_EVENTS.contains(e.event().type())) {
      moved(resident, e.device().key(), e.event().time(), findings);
    }
  }

  /** Whether a level reading differs from the device's previous one of that metric. */
  private boolean changed(int deviceKey, Reading r) {
    Double previous = lastLevels.put((long) deviceKey << 8 | r.metric().dbCode(), r.value());
    return previous != null && previous.doubleValue() != r.value();
  }

  private void moved(Resident resident, int deviceKey, long at, Findings findings) {
    State s = residents.get(resident.key());
    if (s == null) {
      s = new State(at);
      residents.put(resident.key(), s);
    } else if (at <= s.lastMovement) {
      return;
    }
    s.lastMovement = at;
    s.deviceKey = deviceKey;
    if (s.raised) {
      s.raised = false;
      findings.note(AlertKind.INACTIVITY, resident.key(), at, "movement again");
    }
  }

  @Override
  public void onTick(Resident resident, Findings findings) {
    if (!resident.livesAlone()
        || resident.devices().stream().noneMatch(d -> SEE_MOVEMENT.contains(d.kind()))) {
      return;
    }
    long now = clock.millis();
    State s = residents.computeIfAbsent(resident.key(), k -> new State(now));
    Duration waking =
        Duration.ofMillis(
            resident.thresholds().night().wakingMillis(s.lastMovement, now, resident.zone()));
    if (s.raised || waking.compareTo(resident.thresholds().inactivity()) < 0) {
      return;
    }
    s.raised = true;
    int deviceKey =
        s.deviceKey != 0
            ? s.deviceKey
            : resident.devices().stream()
                .filter(d -> SEE_MOVEMENT.contains(d.kind()))
                .findFirst()
                .orElseThrow()
                .key();
    findings.raise(
        new AlertCandidate(
            AlertKind.INACTIVITY,
            Severity.HIGH,
            resident.key(),
            deviceKey,
            now,
            "no movement for "
                + waking.toHours()
                + " h "
                + waking.toMinutesPart()
                + " min of waking time",
            Finding.of(
                "inactivity", "hours", waking.toHours(), "minutes", waking.toMinutesPart())));
  }
}

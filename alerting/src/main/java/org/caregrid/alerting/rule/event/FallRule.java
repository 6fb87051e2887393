package org.caregrid.alerting.rule.event;

import java.util.HashMap;
import java.util.Map;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Finding;
import org.caregrid.alerting.rule.Findings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.Rule;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.event.EventBatch;

/**
 * A fall: critical, at once. A {@code fall_cancelled} from the device soon after (within {@code
 * cancel-within}) does not close it: as telecare services do, it becomes a check call, raised again
 * as high with a note on the alert (research/domain.md §4). A cancel with no recent fall is
 * ignored, which leaves any open fall critical.
 */
public final class FallRule implements Rule {
  private static final long NONE = Long.MIN_VALUE;

  private final long cancelWithinMillis;
  private final Map<Integer, State> residents = new HashMap<>();

  private static final class State {
    long fallAt = NONE;
    long cancelledAt = NONE;
  }

  public FallRule(RuleConfig.Fall config) {
    this.cancelWithinMillis = config.cancelWithin().toMillis();
  }

  @Override
  public void onEvent(EventBatch e, Resident resident, Findings findings) {
    long at = e.event().time();
    switch (e.event().type()) {
      case FALL -> {
        State s = residents.computeIfAbsent(resident.key(), k -> new State());
        if (at <= s.cancelledAt) {
          return; // a redelivered fall the device has already cancelled
        }
        s.fallAt = Math.max(s.fallAt, at);
        findings.raise(
            new AlertCandidate(
                AlertKind.FALL,
                Severity.CRITICAL,
                resident.key(),
                e.device().key(),
                at,
                "fall detected by " + e.device().kind().code() + " " + e.device().id(),
                Finding.of(
                    "fall",
                    "deviceKind",
                    e.device().kind().code(),
                    "device",
                    e.device().id().value())));
      }
      case FALL_CANCELLED -> {
        State s = residents.get(resident.key());
        if (s == null
            || s.fallAt == NONE
            || at < s.fallAt
            || at - s.fallAt > cancelWithinMillis
            || s.cancelledAt >= s.fallAt) {
          return;
        }
        s.cancelledAt = at;
        long seconds = (at - s.fallAt) / 1000;
        findings.raise(
            new AlertCandidate(
                AlertKind.FALL,
                Severity.HIGH,
                resident.key(),
                e.device().key(),
                at,
                "fall cancelled on the device after " + seconds + " s: check call",
                Finding.of("fall_cancelled", "afterS", seconds)));
        findings.note(
            AlertKind.FALL,
            resident.key(),
            at,
            "fall_cancelled from " + e.device().id() + ": downgraded to a check call");
      }
      default -> {}
    }
  }
}

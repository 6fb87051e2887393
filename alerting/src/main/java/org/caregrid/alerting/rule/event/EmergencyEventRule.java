package org.caregrid.alerting.rule.event;

import java.util.Map;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Finding;
import org.caregrid.alerting.rule.Findings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.Rule;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.event.EventType;

/** An SOS button, smoke, gas or water: critical, at once. */
public final class EmergencyEventRule implements Rule {
  private static final Map<EventType, AlertKind> KINDS =
      Map.of(
          EventType.SOS, AlertKind.SOS,
          EventType.SMOKE, AlertKind.SMOKE,
          EventType.GAS, AlertKind.GAS,
          EventType.WATER, AlertKind.WATER);

  @Override
  public void onEvent(EventBatch e, Resident resident, Findings findings) {
    AlertKind kind = KINDS.get(e.event().type());
    if (kind != null) {
      findings.raise(
          new AlertCandidate(
              kind,
              Severity.CRITICAL,
              resident.key(),
              e.device().key(),
              e.event().time(),
              e.event().type().code() + " from " + e.device().kind().code() + " " + e.device().id(),
              Finding.of(
                  "event",
                  "event",
                  e.event().type().code(),
                  "deviceKind",
                  e.device().kind().code(),
                  "device",
                  e.device().id().value())));
    }
  }
}

package org.caregrid.alerting.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.caregrid.alerting.routing.RouteStep;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.AlertState;
import org.caregrid.core.alert.Severity;
import org.junit.jupiter.api.Test;

class AlertListenersTest {
  private static final Instant T0 = Instant.parse("2025-12-01T02:10:05Z");
  private static final AlertChange SOS =
      new AlertChange(
          7, AlertKind.SOS, Severity.CRITICAL, AlertState.RAISED, 3, 4, 1, T0, T0, "sos pressed");

  @Test
  void everyListenerIsToldInTheOrderAddedEvenAfterOneThrows() {
    List<String> heard = new ArrayList<>();
    AlertListeners listeners = new AlertListeners();
    listeners.add(
        new AlertListener() {
          @Override
          public void raised(AlertChange alert, RouteStep step) {
            heard.add("first");
            throw new IllegalStateException("broken");
          }
        });
    listeners.add(
        new AlertListener() {
          @Override
          public void raised(AlertChange alert, RouteStep step) {
            heard.add("second " + alert.alertId() + " step " + step.number());
          }
        });

    listeners.raised(SOS, RouteStep.none(0));

    assertThat(heard).containsExactly("first", "second 7 step 0");
  }

  @Test
  void eachChangeReachesOnlyItsOwnMethod() {
    List<String> heard = new ArrayList<>();
    AlertListeners listeners = new AlertListeners();
    listeners.add(
        new AlertListener() {
          @Override
          public void raised(AlertChange alert, RouteStep step) {
            heard.add("raised");
          }

          @Override
          public void repeated(AlertChange alert) {
            heard.add("repeated");
          }

          @Override
          public void escalated(AlertChange alert, RouteStep step) {
            heard.add("escalated " + step.number());
          }

          @Override
          public void accepted(AlertChange alert, Change change, Responder responder) {
            heard.add("accepted by " + change.actor() + " for " + responder.stationName());
          }

          @Override
          public void changed(AlertChange alert, Change change) {
            heard.add(change.action() + " by " + change.actor());
          }
        });

    listeners.raised(SOS, RouteStep.none(0));
    listeners.repeated(SOS);
    listeners.escalated(SOS, RouteStep.none(1));
    listeners.accepted(
        SOS,
        new Change(Change.Action.ACCEPTED, "li.wei", null, null),
        new Responder("Qingshan station", List.of("pendant-3")));
    listeners.changed(SOS, Change.bySystem(Change.Action.NOTIFIED, null, "cs-7"));

    assertThat(heard)
        .containsExactly(
            "raised",
            "repeated",
            "escalated 1",
            "accepted by li.wei for Qingshan station",
            "NOTIFIED by system");
  }
}

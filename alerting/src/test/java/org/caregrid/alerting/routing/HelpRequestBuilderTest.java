package org.caregrid.alerting.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.AlertState;
import org.caregrid.core.alert.Severity;
import org.junit.jupiter.api.Test;

class HelpRequestBuilderTest {
  private static final Instant NOW = Instant.parse("2025-12-01T02:10:05Z");
  private static final Home HOME =
      new Home(
          new HelpRequest.ResidentInfo(17, "Wang Fang"),
          new HelpRequest.HomeInfo(9, "12 Gangtie Road, flat 301", "Qingshan", 40.6571, 109.8402));
  private static final Station DISTRICT =
      new Station(1, "D", "District centre", Tier.DISTRICT, 0, 40.65, 109.85, true, 50, 0);
  private static final Station STREET =
      new Station(2, "S", "Street centre", Tier.STREET, 1, 40.62, 109.88, true, 20, 0);
  private static final Station COMMUNITY =
      new Station(10, "cs-7", "Qingshan station", Tier.COMMUNITY, 2, 40.66, 109.84, true, 2, 0);

  private final HelpRequestBuilder builder = new HelpRequestBuilder(RoutingConfig.defaults());

  private static AlertChange alert(Severity severity) {
    return new AlertChange(
        42, AlertKind.FALL, severity, AlertState.RAISED, 17, 5, 1, NOW, NOW, "fall detected");
  }

  @Test
  void eachStationPickedGetsOneRequestWithTheSeveritysDeadline() {
    RouteStep step =
        builder.step(
            alert(Severity.HIGH), HOME, new Pick(List.of(STREET, COMMUNITY), false), 1, NOW);

    assertThat(step.number()).isEqualTo(1);
    assertThat(step.acceptBy()).contains(NOW.plusSeconds(180));
    assertThat(step.requests()).extracting(r -> r.station().code()).containsExactly("S", "cs-7");
    assertThat(step.requests())
        .allSatisfy(
            r -> {
              assertThat(r.alertId()).isEqualTo(42);
              assertThat(r.step()).isEqualTo(1);
              assertThat(r.acceptBy()).isEqualTo(NOW.plusSeconds(180));
              assertThat(r.adviseEmergencyCall()).isFalse();
              assertThat(r.resident()).isEqualTo(HOME.resident());
              assertThat(r.home()).isEqualTo(HOME.info());
              assertThat(r.raisedAt()).isEqualTo(NOW);
            });
    assertThat(step.requests().get(1).station())
        .isEqualTo(new HelpRequest.Station(10, "cs-7", "Qingshan station", "community"));
  }

  @Test
  void aCriticalAlertAtTheTopTierAdvisesCalling120() {
    Pick last = new Pick(List.of(DISTRICT), true);

    RouteStep critical = builder.step(alert(Severity.CRITICAL), HOME, last, 2, NOW);
    RouteStep high = builder.step(alert(Severity.HIGH), HOME, last, 2, NOW);
    RouteStep below =
        builder.step(alert(Severity.CRITICAL), HOME, new Pick(List.of(STREET), false), 1, NOW);

    assertThat(critical.requests().get(0).adviseEmergencyCall()).isTrue();
    assertThat(critical.acceptBy()).contains(NOW.plusSeconds(60));
    assertThat(high.requests().get(0).adviseEmergencyCall()).isFalse();
    assertThat(below.requests().get(0).adviseEmergencyCall()).isFalse();
  }

  @Test
  void theAuditNoteNamesTheStationsTierDeadlineAndAdvice() {
    assertThat(builder.note(alert(Severity.HIGH), new Pick(List.of(STREET, COMMUNITY), false)))
        .isEqualTo("to S, cs-7 (street tier), accept within 180 s");
    assertThat(builder.note(alert(Severity.CRITICAL), new Pick(List.of(DISTRICT), true)))
        .isEqualTo("to D (district tier), accept within 60 s; advise calling 120");
  }

  @Test
  void aStepWithoutStationsHasNoDeadline() {
    assertThat(RouteStep.none(3).acceptBy()).isEmpty();
    assertThat(RouteStep.none(3).requests()).isEmpty();
  }
}

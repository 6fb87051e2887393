package org.caregrid.dashboard.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.caregrid.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class VisitScheduleTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
  private final VisitSchedule schedule = new VisitSchedule(VisitsConfig.defaults());

  @Provide
  Arbitrary<LocalDate> days() {
    return Arbitraries.integers().between(-400, 400).map(TODAY::plusDays);
  }

  @Test
  void theDefaultsVisitHighRiskWeeklyMediumFortnightlyLowMonthly() {
    assertThat(schedule.nextDue(TODAY, RiskLevel.HIGH)).isEqualTo(TODAY.plusDays(7));
    assertThat(schedule.nextDue(TODAY, RiskLevel.MEDIUM)).isEqualTo(TODAY.plusDays(14));
    assertThat(schedule.nextDue(TODAY, RiskLevel.LOW)).isEqualTo(TODAY.plusDays(30));
  }

  @Test
  void statusAtTheBoundariesOfTheTaskWindow() {
    // ahead 3 days: due in 3 days is a task, in 4 days not yet; yesterday is overdue
    assertThat(schedule.status(TODAY.plusDays(4), TODAY)).isEqualTo(TaskStatus.UPCOMING);
    assertThat(schedule.status(TODAY.plusDays(3), TODAY)).isEqualTo(TaskStatus.DUE);
    assertThat(schedule.status(TODAY, TODAY)).isEqualTo(TaskStatus.DUE);
    assertThat(schedule.status(TODAY.minusDays(1), TODAY)).isEqualTo(TaskStatus.OVERDUE);
  }

  @Test
  void onTimeUpToTheGraceDaysAndMissedAfter() {
    LocalDate due = TODAY.minusDays(2);
    assertThat(schedule.onTime(TODAY, due)).isTrue();
    assertThat(schedule.missed(due, TODAY)).isFalse();
    assertThat(schedule.onTime(TODAY.plusDays(1), due)).isFalse();
    assertThat(schedule.missed(due, TODAY.plusDays(1))).isTrue();
  }

  @Property
  void aVisitDoneOnTimeIsNeverMissedAndTheOtherWayRound(
      @ForAll("days") LocalDate due, @ForAll("days") LocalDate day) {
    // the coverage counts a due day once: visited on time, or missed, never both
    assertThat(schedule.onTime(day, due)).isNotEqualTo(schedule.missed(due, day));
  }

  @Property
  void silenceOnlyBringsAVisitForwardAndNeverIntoThePast(
      @ForAll("days") LocalDate planned, @ForAll boolean quiet) {
    LocalDate due = schedule.due(planned, TODAY, quiet);

    assertThat(due).isBeforeOrEqualTo(planned);
    assertThat(due).isEqualTo(quiet && planned.isAfter(TODAY) ? TODAY : planned);
  }

  @Property
  void aQuietResidentIsATaskToday(@ForAll("days") LocalDate planned) {
    assertThat(schedule.status(schedule.due(planned, TODAY, true), TODAY))
        .isNotEqualTo(TaskStatus.UPCOMING);
  }

  @Property
  void reassessmentNeverPushesAPlanBack(
      @ForAll("days") LocalDate planned,
      @ForAll("days") LocalDate lastVisit,
      @ForAll RiskLevel level) {
    LocalDate assessed = schedule.assessed(planned, lastVisit, TODAY, level);

    assertThat(assessed).isBeforeOrEqualTo(planned);
    assertThat(assessed).isBeforeOrEqualTo(schedule.nextDue(lastVisit, level));
  }

  @Test
  void aNewPlanIsDueTodayWithoutAVisitAndAnIntervalAfterTheLastOne() {
    assertThat(schedule.assessed(null, null, TODAY, RiskLevel.LOW)).isEqualTo(TODAY);
    assertThat(schedule.assessed(null, TODAY.minusDays(3), TODAY, RiskLevel.HIGH))
        .isEqualTo(TODAY.plusDays(4));
  }

  @Test
  void theConfigurationRefusesPartDaysAndNamesTheKey() {
    assertThatThrownBy(
            () ->
                new VisitsConfig.Every(
                    Duration.ofHours(36), Duration.ofDays(14), Duration.ofDays(30)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("visits.every.high");
    assertThatThrownBy(
            () ->
                new VisitsConfig(
                    VisitsConfig.defaults().every(),
                    Duration.ofDays(2),
                    Duration.ofDays(3),
                    Duration.ofMinutes(5)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("visits.no-activity");
  }
}

package org.caregrid.dashboard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TargetsTest {
  @Test
  void aWholeYearIsTheYearlyTargetLeapOrNot() {
    assertThat(Targets.bedsFor(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)))
        .isCloseTo(10.0, within(1e-9));
    assertThat(Targets.bedsFor(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)))
        .isCloseTo(10.0, within(1e-9));
  }

  @Test
  void partOfAYearGetsItsShareOfDaysBothEndsIncluded() {
    // January 2025: 31 of 365 days
    assertThat(Targets.bedsFor(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 31)))
        .isCloseTo(10.0 * 31 / 365, within(1e-9));
    // one day
    assertThat(Targets.bedsFor(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 1)))
        .isCloseTo(10.0 / 365, within(1e-9));
  }

  @Test
  void aRangeAcrossNewYearTakesEachYearsShare() {
    // 2024-12-01..2025-01-31: 31 of 366 days, then 31 of 365
    assertThat(Targets.bedsFor(LocalDate.of(2024, 12, 1), LocalDate.of(2025, 1, 31)))
        .isCloseTo(10.0 * 31 / 366 + 10.0 * 31 / 365, within(1e-9));
    // two whole years
    assertThat(Targets.bedsFor(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31)))
        .isCloseTo(20.0, within(1e-9));
  }

  @Test
  void aBackwardsRangeIsRefused() {
    assertThatThrownBy(() -> Targets.bedsFor(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

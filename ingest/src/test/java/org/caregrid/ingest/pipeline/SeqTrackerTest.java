package org.caregrid.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqTrackerTest {
  private final SeqTracker tracker = new SeqTracker();

  @Test
  void countsTheMessagesMissingInAJump() {
    assertThat(tracker.gapBefore(1, 41)).isZero();
    assertThat(tracker.gapBefore(1, 42)).isZero();
    assertThat(tracker.gapBefore(1, 46)).isEqualTo(3);
  }

  @Test
  void redeliveriesAndReorderingAreNoGap() {
    tracker.gapBefore(1, 10);
    tracker.gapBefore(1, 12);
    assertThat(tracker.gapBefore(1, 11)).isZero();
    assertThat(tracker.gapBefore(1, 12)).isZero();
    assertThat(tracker.gapBefore(1, 13)).isZero();
  }

  @Test
  void aRestartedDeviceStartsANewSequence() {
    tracker.gapBefore(1, 5000);
    assertThat(tracker.gapBefore(1, 0)).isZero();
    assertThat(tracker.gapBefore(1, 1)).isZero();
  }

  @Test
  void devicesAreFollowedSeparatelyAndUnknownSeqIsIgnored() {
    tracker.gapBefore(1, 1);
    tracker.gapBefore(2, 100);
    assertThat(tracker.gapBefore(1, 2)).isZero();
    assertThat(tracker.gapBefore(2, -1)).isZero();
  }
}

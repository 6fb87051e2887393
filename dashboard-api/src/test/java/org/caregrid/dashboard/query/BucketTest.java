package org.caregrid.dashboard.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BucketTest {
  @Test
  void autoIsRawUpToTwoHoursMinutesUpToTwoDaysThenHours() {
    assertThat(Bucket.auto(Duration.ofHours(2))).isEqualTo(Bucket.RAW);
    assertThat(Bucket.auto(Duration.ofHours(2).plusSeconds(1))).isEqualTo(Bucket.MINUTE);
    assertThat(Bucket.auto(Duration.ofDays(2))).isEqualTo(Bucket.MINUTE);
    assertThat(Bucket.auto(Duration.ofDays(2).plusSeconds(1))).isEqualTo(Bucket.HOUR);
  }

  @Test
  void aChartStartsAtTheBucketHoldingItsFirstInstant() {
    Instant t = Instant.parse("2025-12-01T10:17:42.5Z");

    assertThat(Bucket.RAW.floor(t)).isEqualTo(t);
    assertThat(Bucket.MINUTE.floor(t)).isEqualTo(Instant.parse("2025-12-01T10:17:00Z"));
    assertThat(Bucket.HOUR.floor(t)).isEqualTo(Instant.parse("2025-12-01T10:00:00Z"));
  }
}

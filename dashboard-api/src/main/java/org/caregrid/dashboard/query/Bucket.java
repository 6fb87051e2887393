package org.caregrid.dashboard.query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** How finely a chart's points are grouped: every reading, or one of the rollups. */
public enum Bucket {
  RAW("raw", null, Duration.ofDays(2)),
  MINUTE("1m", "reading_1m", Duration.ofDays(31)),
  HOUR("1h", "reading_1h", Duration.ofDays(400));

  /** Up to this range {@code auto} shows every reading. */
  static final Duration RAW_UP_TO = Duration.ofHours(2);

  /** Up to this range {@code auto} shows minutes, beyond it hours. */
  static final Duration MINUTES_UP_TO = Duration.ofDays(2);

  private final String code;
  private final String table;
  private final Duration longestRange;

  Bucket(String code, String table, Duration longestRange) {
    this.code = code;
    this.table = table;
    this.longestRange = longestRange;
  }

  public String code() {
    return code;
  }

  /** The rollup table, or null for the readings themselves. */
  String table() {
    return table;
  }

  /** The longest range this bucket may be asked for, so that no chart has too many points. */
  public Duration longestRange() {
    return longestRange;
  }

  /** The start of the bucket holding {@code t}. */
  Instant floor(Instant t) {
    return switch (this) {
      case RAW -> t;
      case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
      case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
    };
  }

  /** The bucket for {@code auto}: raw for 2 h or less, minutes for 2 days or less, else hours. */
  public static Bucket auto(Duration range) {
    if (range.compareTo(RAW_UP_TO) <= 0) {
      return RAW;
    }
    return range.compareTo(MINUTES_UP_TO) <= 0 ? MINUTE : HOUR;
  }

  public static Optional<Bucket> fromCode(String code) {
    for (Bucket b : values()) {
      if (b.code.equals(code)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }
}

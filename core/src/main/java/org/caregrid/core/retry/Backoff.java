package org.caregrid.core.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before trying again something that failed for a reason of ours (a database or
 * broker away): {@code first} before the first retry, doubled before each further one, never more
 * than {@code max}. One policy for every retry loop, so they all back off alike.
 */
public record Backoff(Duration first, Duration max) {

  public Backoff {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 < first <= max, got " + first + ", " + max);
    }
  }

  /**
   * The wait before retry {@code retry}, counted from 0 for the first retry.
   *
   * @throws IllegalArgumentException when {@code retry} is negative
   */
  public Duration delay(int retry) {
    if (retry < 0) {
      throw new IllegalArgumentException("retry counts from 0, got " + retry);
    }
    Duration delay = first;
    for (int i = 0; i < retry && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) < 0 ? delay : max;
  }
}

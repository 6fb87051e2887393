package org.caregrid.ingest.pipeline;

import java.time.Clock;
import java.time.Duration;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.Telemetry;

/**
 * Refuses what cannot be true: values outside the catalogue's plausible range, and times too far in
 * the future (a wrong device clock) or older than retention (they would be dropped anyway).
 */
public final class RangeCheck {
  private final Clock clock;
  private final long futureSkewMs;
  private final long retentionMs;

  public RangeCheck(Clock clock, Duration futureSkew, Duration retention) {
    this.clock = clock;
    this.futureSkewMs = futureSkew.toMillis();
    this.retentionMs = retention.toMillis();
  }

  /**
   * Checks every reading.
   *
   * @throws RejectedException OUT_OF_RANGE or BAD_TIME, naming the first offending reading
   */
  public void check(Telemetry telemetry) {
    for (Reading r : telemetry.readings()) {
      if (!r.metric().isPlausible(r.value())) {
        throw new RejectedException(
            Reason.OUT_OF_RANGE,
            "%s=%s is outside [%s, %s]"
                .formatted(r.metric().code(), r.value(), r.metric().min(), r.metric().max()));
      }
      checkTime(r.metric().code(), r.time());
    }
  }

  /**
   * Checks one timestamp.
   *
   * @param what names the reading or event in the rejection
   * @throws RejectedException BAD_TIME
   */
  public void checkTime(String what, long time) {
    long now = clock.millis();
    if (time > now + futureSkewMs) {
      throw new RejectedException(
          Reason.BAD_TIME, "%s is %d s in the future".formatted(what, (time - now) / 1000));
    }
    if (time < now - retentionMs) {
      throw new RejectedException(
          Reason.BAD_TIME,
          "%s is older than the retention of %d days".formatted(what, retentionMs / 86_400_000));
    }
  }
}

package org.caregrid.sim.device;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.event.EventType;

/**
 * A battery draining at a steady rate from a level it had when the simulation started. It says
 * {@code battery_low} once, when it first falls below the device's warning level.
 */
final class Battery {
  /** The level at which devices warn: the platform's battery_low threshold too. */
  static final double LOW = 15;

  private final Instant start;
  private final double startLevel;
  private final double perDay;
  private boolean warned;

  Battery(Instant start, double startLevel, double perDay) {
    this.start = start;
    this.startLevel = startLevel;
    this.perDay = perDay;
    this.warned = startLevel < LOW;
  }

  /** The level in whole percent at {@code at}, never below 0. */
  long level(Instant at) {
    double days = Duration.between(start, at).toMillis() / 86_400_000.0;
    return Math.max(0, Math.round(startLevel - perDay * Math.max(0, days)));
  }

  /** The {@code battery_low} event, the first time the level is below {@link #LOW}. */
  Optional<DeviceEvent> warning(Instant at, long seq) {
    if (warned || level(at) >= LOW) {
      return Optional.empty();
    }
    warned = true;
    return Optional.of(new DeviceEvent(EventType.BATTERY_LOW, at.toEpochMilli(), seq));
  }
}

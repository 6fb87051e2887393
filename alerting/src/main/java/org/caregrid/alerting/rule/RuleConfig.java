package org.caregrid.alerting.rule;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.caregrid.core.config.ConfigException;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceKind;

/**
 * The {@code alerting.rules:} section: platform defaults, which a resident's care plan can override
 * where {@link Thresholds} says so. The clinical numbers are the NEWS2 3-point bands
 * (research/domain.md §2.1) and telecare conventions (§2.3, §4).
 *
 * @param night the night window, in each home's time zone; may cross midnight
 * @param fall fall handling
 * @param bed bed exit at night and the care plan's bed times
 * @param inactivity no movement in waking hours
 * @param vitalLimit a vital sign beyond its 3-point band
 * @param news2 the partial NEWS2 score
 * @param deviceOffline devices that stopped reporting
 * @param batteryLow batteries running out
 */
public record RuleConfig(
    Night night,
    Fall fall,
    Bed bed,
    Inactivity inactivity,
    VitalLimit vitalLimit,
    News2 news2,
    DeviceOffline deviceOffline,
    BatteryLow batteryLow) {

  public static RuleConfig defaults() {
    return new RuleConfig(
        new Night(LocalTime.of(22, 0), LocalTime.of(6, 0)),
        new Fall(Duration.ofMinutes(5)),
        new Bed(Duration.ofMinutes(30), Duration.ofHours(1)),
        new Inactivity(Duration.ofHours(4)),
        new VitalLimit(
            Duration.ofSeconds(60),
            3,
            Duration.ofHours(24),
            new Band(40, 131, 5),
            new Band(8, 25, 2),
            new Spo2(91, 83, 2),
            new Band(90, 220, 5),
            new Band(35.0, 39.1, 0.3)),
        new News2(Duration.ofMinutes(15)),
        new DeviceOffline(
            3,
            Duration.ofMinutes(1),
            // a daily supervision heartbeat, with two hours' slack
            Map.of(
                DeviceKind.SOS_PENDANT.code(), Duration.ofHours(26),
                DeviceKind.SMOKE_SENSOR.code(), Duration.ofHours(26),
                DeviceKind.GAS_SENSOR.code(), Duration.ofHours(26))),
        new BatteryLow(15, 25));
  }

  /** The night window: bed exits count inside it, inactivity only outside it. */
  public record Night(LocalTime start, LocalTime end) {}

  /**
   * @param cancelWithin a {@code fall_cancelled} this soon after the fall turns it into a check
   *     call; a later one is ignored (the fall stays critical)
   */
  public record Fall(Duration cancelWithin) {
    public Fall {
      positive("fall.cancel-within", cancelWithin);
    }
  }

  /**
   * @param noReturnAfter out of bed in the night window this long → bed_exit_no_return
   * @param deadlineCheckWithin a care-plan bed time (not_in_bed_by, not_up_by) is checked at the
   *     first tick after it with known bed presence, unless it passed longer ago than this (e.g.
   *     while the platform was down)
   */
  public record Bed(Duration noReturnAfter, Duration deadlineCheckWithin) {
    public Bed {
      positive("bed.no-return-after", noReturnAfter);
      positive("bed.deadline-check-within", deadlineCheckWithin);
    }
  }

  /**
   * @param after waking time without any movement signal before inactivity is raised
   */
  public record Inactivity(Duration after) {
    public Inactivity {
      positive("inactivity.after", after);
    }
  }

  /**
   * @param window readings are averaged over this window, by their own time
   * @param minReadings a window holding at least this many is judged by its mean
   * @param spotPairWithin a sparse series (spot checks, the latest reading alone in its window) is
   *     judged by its last two readings, both beyond the band, when they are at most this far apart
   */
  public record VitalLimit(
      Duration window,
      int minReadings,
      Duration spotPairWithin,
      Band pulse,
      Band respiration,
      Spo2 spo2,
      Band systolic,
      Band temperature) {
    public VitalLimit {
      positive("vital-limit.window", window);
      positive("vital-limit.spot-pair-within", spotPairWithin);
      if (minReadings < 2) {
        throw new ConfigException(
            "alerting.rules.vital-limit.min-readings must be at least 2, got: " + minReadings);
      }
    }
  }

  /**
   * A value at or below {@code low}, or at or above {@code high}, is beyond the band; it is back
   * inside only when more than {@code hysteresis} inside both limits.
   */
  public record Band(double low, double high, double hysteresis) {
    public Band {
      if (!(low < high) || hysteresis < 0 || 2 * hysteresis >= high - low) {
        throw new ConfigException(
            "alerting.rules.vital-limit: a band needs low < high and 0 <= hysteresis < half the"
                + " gap, got: low "
                + low
                + ", high "
                + high
                + ", hysteresis "
                + hysteresis);
      }
    }
  }

  /** SpO2 has only a lower limit, per NEWS2 scale. */
  public record Spo2(double low, double lowScale2, double hysteresis) {
    public Spo2 {
      if (hysteresis < 0) {
        throw new ConfigException(
            "alerting.rules.vital-limit.spo2.hysteresis must not be negative, got: " + hysteresis);
      }
    }
  }

  /**
   * @param freshness a parameter's latest value counts for this long
   */
  public record News2(Duration freshness) {
    public News2 {
      positive("news2.freshness", freshness);
    }
  }

  /**
   * When a device counts as offline.
   *
   * @param missedIntervals offline after this many of the device's expected intervals without data
   * @param startGrace a device not heard since the platform started (or since it was enrolled) is
   *     given this long on top before its intervals are counted
   * @param supervision by device kind code: kinds that speak only when pressed or triggered (an SOS
   *     pendant, a smoke detector) have no reporting interval to miss; any message from them
   *     (event, status, heartbeat) counts, and they are offline after this long without one
   */
  public record DeviceOffline(
      int missedIntervals, Duration startGrace, Map<String, Duration> supervision) {
    public DeviceOffline {
      supervision = Map.copyOf(supervision);
      for (Map.Entry<String, Duration> e : supervision.entrySet()) {
        try {
          DeviceKind.fromCode(e.getKey());
        } catch (IllegalArgumentException unknown) {
          throw new ConfigException(
              "alerting.rules.device-offline.supervision: no device kind " + e.getKey());
        }
        positive("device-offline.supervision." + e.getKey(), e.getValue());
      }
      if (missedIntervals < 1) {
        throw new ConfigException(
            "alerting.rules.device-offline.missed-intervals must be at least 1, got: "
                + missedIntervals);
      }
      if (startGrace.isNegative()) {
        throw new ConfigException(
            "alerting.rules.device-offline.start-grace must not be negative, got: " + startGrace);
      }
    }

    /** How long this device may stay silent before it counts as offline. */
    public Duration allowedSilence(Device device) {
      Duration supervised = supervision.get(device.kind().code());
      return supervised != null
          ? supervised
          : device.expectedInterval().multipliedBy(missedIntervals);
    }
  }

  /**
   * @param below battery percentage under which battery_low is raised
   * @param rearmAbove a battery back at or above this (replaced, recharged) can raise again
   */
  public record BatteryLow(double below, double rearmAbove) {
    public BatteryLow {
      if (!(below > 0 && rearmAbove >= below && rearmAbove <= 100)) {
        throw new ConfigException(
            "alerting.rules.battery-low needs 0 < below <= rearm-above <= 100, got: "
                + below
                + ", "
                + rearmAbove);
      }
    }
  }

  private static void positive(String key, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new ConfigException("alerting.rules." + key + " must be positive, got: " + d);
    }
  }
}

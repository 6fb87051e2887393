package org.caregrid.sim.device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.sim.district.District.DeviceSpec;

/**
 * What every battery-powered device of a home does on each report: says its battery level, and
 * warns once when it runs low. SOS pendants and fall detectors do only this on a quiet day (their
 * presses and falls are scenarios); sensors add what they sense through {@link #sense}.
 */
public class BatteryDevice implements SimDevice {
  private final DeviceSpec spec;
  private final Battery battery;
  final Random random;
  private long eventSeq;

  /**
   * Creates the device.
   *
   * @param drainPerDay battery percent used per day
   */
  public BatteryDevice(DeviceSpec spec, long seed, Instant start, double drainPerDay) {
    this.spec = spec;
    this.random = new Random(seed);
    this.battery = new Battery(start, 40 + random.nextInt(61), drainPerDay);
  }

  @Override
  public final DeviceSpec spec() {
    return spec;
  }

  @Override
  public final Report report(Instant at) {
    List<Reading> readings = new ArrayList<>(2);
    List<DeviceEvent> events = new ArrayList<>(1);
    sense(at, readings, events);
    readings.add(new Reading(Metric.BATTERY, at.toEpochMilli(), battery.level(at)));
    battery
        .warning(at, eventSeq)
        .ifPresent(
            e -> {
              events.add(e);
              eventSeq++;
            });
    return new Report(readings, events);
  }

  /** Adds what the device senses at {@code at}; nothing for pendants and detectors at rest. */
  void sense(Instant at, List<Reading> readings, List<DeviceEvent> events) {}

  long nextEventSeq() {
    return eventSeq++;
  }
}

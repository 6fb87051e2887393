package org.caregrid.sim.device;

import java.time.Instant;
import java.util.List;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.sim.district.District.DeviceSpec;
import org.caregrid.sim.resident.Routine;

/**
 * A passive-infrared activity sensor in the living room: on each report, whether it saw anyone move
 * since the last one. Someone up at home is seen in most intervals, not all.
 */
public final class MotionSensor extends BatteryDevice {
  private static final double SEEN_WHEN_UP = 0.8;

  private final Routine routine;

  public MotionSensor(DeviceSpec spec, Routine routine, long seed, Instant start) {
    super(spec, seed, start, 0.05);
    this.routine = routine;
  }

  @Override
  void sense(Instant at, List<Reading> readings, List<DeviceEvent> events) {
    boolean up =
        switch (routine.at(at)) {
          case AT_HOME, UP_AT_NIGHT -> true;
          case ASLEEP, NAPPING, OUT -> false;
        };
    boolean seen = up && random.nextDouble() < SEEN_WHEN_UP;
    readings.add(new Reading(Metric.MOTION, at.toEpochMilli(), seen ? 1 : 0));
  }
}

package org.caregrid.sim.device;

import java.time.Instant;
import java.util.List;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.Reading;
import org.caregrid.sim.district.District.DeviceSpec;
import org.caregrid.sim.resident.Routine;

/**
 * A magnetic contact on the front door: {@code door_open} when the resident goes out and when they
 * come back, checked at its report interval (a real one reports at once; the simulation's
 * resolution is the interval).
 */
public final class DoorSensor extends BatteryDevice {
  private final Routine routine;
  private Boolean wasHome;

  public DoorSensor(DeviceSpec spec, Routine routine, long seed, Instant start) {
    super(spec, seed, start, 0.03);
    this.routine = routine;
  }

  @Override
  void sense(Instant at, List<Reading> readings, List<DeviceEvent> events) {
    boolean home = routine.at(at).home();
    if (wasHome != null && wasHome != home) {
      events.add(new DeviceEvent(EventType.DOOR_OPEN, at.toEpochMilli(), nextEventSeq()));
    }
    wasHome = home;
  }
}

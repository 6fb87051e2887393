package org.caregrid.sim.device;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.caregrid.sim.district.District.DeviceSpec;
import org.caregrid.sim.district.District.Home;
import org.caregrid.sim.district.District.Resident;
import org.caregrid.sim.resident.Routine;
import org.caregrid.sim.signal.VitalProfile;

/**
 * Builds a home's simulated devices around one resident: one routine and one vital profile that
 * every device of the home observes, each from its own angle.
 */
public final class HomeDevices {
  /** The programme's homes are all in one time zone. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private HomeDevices() {}

  /**
   * The devices of {@code home}, their batteries as they were at {@code start}.
   *
   * @param start when the simulation begins, in simulated time
   */
  public static List<SimDevice> of(Home home, Instant start) {
    Resident resident = home.resident();
    Random seeds = new Random(resident.seed());
    Routine routine = new Routine(seeds.nextLong(), resident.dementia(), ZONE);
    VitalProfile vitals = VitalProfile.healthy(new Random(seeds.nextLong()), resident.copd());
    List<SimDevice> devices = new ArrayList<>(home.devices().size());
    for (DeviceSpec d : home.devices()) {
      long seed = seeds.nextLong();
      devices.add(
          switch (d.kind()) {
            case CARE_BED -> new CareBed(d, routine, vitals, seed);
            case VITALS_MONITOR -> new VitalsMonitor(d, routine, vitals, seed, start);
            case SOS_PENDANT -> new BatteryDevice(d, seed, start, 0.3);
            case FALL_DETECTOR -> new BatteryDevice(d, seed, start, 0.5);
            case DOOR_SENSOR -> new DoorSensor(d, routine, seed, start);
            case MOTION_SENSOR -> new MotionSensor(d, routine, seed, start);
            case SMOKE_SENSOR, GAS_SENSOR -> new BatteryDevice(d, seed, start, 0.01);
          });
    }
    return devices;
  }
}

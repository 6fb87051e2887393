package org.caregrid.sim.device;

import java.time.Instant;
import org.caregrid.sim.district.District.DeviceSpec;

/**
 * A simulated device. The simulation asks it for a report at each of its report times, in time
 * order, with the simulated time as the device's own clock; everything it says follows from its
 * seed and the times asked, so a run can be repeated.
 */
public interface SimDevice {
  DeviceSpec spec();

  /**
   * What the device sends at {@code at}; events it noticed since the last report carry {@code at}.
   */
  Report report(Instant at);
}

package org.caregrid.core.device;

import java.util.Locale;

/** What a device is; stored as its lower-case name. */
public enum DeviceKind {
  CARE_BED,
  VITALS_MONITOR,
  SOS_PENDANT,
  FALL_DETECTOR,
  DOOR_SENSOR,
  MOTION_SENSOR,
  SMOKE_SENSOR,
  GAS_SENSOR;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeviceKind fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}

package org.caregrid.core.alert;

import java.util.Locale;

/** The causes an alert can have (DESIGN §6); stored and sent as the lower-case name. */
public enum AlertKind {
  SOS,
  FALL,
  BED_EXIT_NO_RETURN,
  NOT_IN_BED_BY,
  NOT_UP_BY,
  INACTIVITY,
  VITAL_LIMIT,
  NEWS2,
  SMOKE,
  GAS,
  WATER,
  DEVICE_OFFLINE,
  BATTERY_LOW;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AlertKind fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}

package org.caregrid.core.event;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The discrete events a device reports on {@code care/{deviceId}/event} (DESIGN §4). */
public enum EventType {
  SOS("sos"),
  FALL("fall"),
  FALL_CANCELLED("fall_cancelled"),
  BED_EXIT("bed_exit"),
  BED_ENTER("bed_enter"),
  DOOR_OPEN("door_open"),
  SMOKE("smoke"),
  GAS("gas"),
  WATER("water"),
  BATTERY_LOW("battery_low"),
  TEST_CALL("test_call");

  private static final Map<String, EventType> BY_CODE = new HashMap<>();

  static {
    for (EventType t : values()) {
      BY_CODE.put(t.code, t);
    }
  }

  private final String code;

  EventType(String code) {
    this.code = code;
  }

  /** The type with this wire code, if there is one. */
  public static Optional<EventType> fromCode(String code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }

  /** The wire code, as in {@code "type":"fall_cancelled"}. */
  public String code() {
    return code;
  }
}

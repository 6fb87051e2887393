package org.caregrid.core.event;

import java.util.Objects;

/**
 * One discrete event from a device, before it is tied to an enrolled device.
 *
 * @param time when it happened, epoch milliseconds (device clock)
 * @param seq the device's message counter, or -1 when the payload carries none
 * @param data the event's details as compact JSON text of an object, <code>{}</code> when there are
 *     none; kept as text because it is stored as it came, into a {@code jsonb} column
 */
public record DeviceEvent(EventType type, long time, long seq, String data) {
  public static final String NO_DATA = "{}";

  public DeviceEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
  }

  /** An event without details. */
  public DeviceEvent(EventType type, long time, long seq) {
    this(type, time, seq, NO_DATA);
  }
}

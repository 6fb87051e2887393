package org.caregrid.core.reading;

import java.util.List;

/**
 * What a codec makes of one telemetry payload, before it is tied to an enrolled device.
 *
 * @param seq the device's message counter, or -1 when the format carries none
 */
public record Telemetry(long seq, List<Reading> readings) {
  public Telemetry {
    readings = List.copyOf(readings);
  }
}

package org.caregrid.core.reading;

import java.util.List;
import java.util.Optional;
import org.caregrid.core.device.DeviceId;

/**
 * What a codec makes of one telemetry payload, before it is tied to an enrolled device.
 *
 * @param seq the device's message counter, or -1 when the format carries none
 * @param namedDevice the device the payload names (SenML names every value after its device), so
 *     that ingest can check it against the authenticated sender; empty when the format names none
 */
public record Telemetry(long seq, List<Reading> readings, Optional<DeviceId> namedDevice) {
  public Telemetry {
    readings = List.copyOf(readings);
  }

  /** Telemetry in a format that does not name its device (compact JSON). */
  public Telemetry(long seq, List<Reading> readings) {
    this(seq, readings, Optional.empty());
  }
}

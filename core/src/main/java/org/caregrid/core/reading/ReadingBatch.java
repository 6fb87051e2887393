package org.caregrid.core.reading;

import java.util.List;
import org.caregrid.core.device.Device;

/**
 * The readings of one accepted message, tied to the device that sent them. This is what ingest
 * writes and what it publishes to alerting on {@code care.readings}.
 *
 * @param receivedAt when the platform received the message, epoch milliseconds
 */
public record ReadingBatch(Device device, long seq, List<Reading> readings, long receivedAt) {
  public ReadingBatch {
    readings = List.copyOf(readings);
  }

  public int size() {
    return readings.size();
  }
}

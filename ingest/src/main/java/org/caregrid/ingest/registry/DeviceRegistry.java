package org.caregrid.ingest.registry;

import java.util.Optional;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;

/** Who may send data. Lookups answer at once from memory: they run on event loops. */
public interface DeviceRegistry {

  /** The active, enrolled device with this id, or empty. */
  Optional<Device> find(DeviceId id);

  /**
   * The active, enrolled device with this id.
   *
   * @throws RejectedException UNKNOWN_DEVICE when there is none
   */
  default Device require(DeviceId id) {
    return find(id)
        .orElseThrow(() -> new RejectedException(Reason.UNKNOWN_DEVICE, "unknown device " + id));
  }

  /** The DTLS pre-shared key of an active device, or empty when it has none. */
  Optional<byte[]> psk(DeviceId id);
}

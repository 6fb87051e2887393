package org.caregrid.ingest.registry;

import java.util.Optional;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;

/** Who may send data. Lookups answer at once from memory: they run on event loops. */
public interface DeviceRegistry {

  /** The active, enrolled device with this id, or empty. */
  Optional<Device> find(DeviceId id);

  /** The DTLS pre-shared key of an active device, or empty when it has none. */
  Optional<byte[]> psk(DeviceId id);
}

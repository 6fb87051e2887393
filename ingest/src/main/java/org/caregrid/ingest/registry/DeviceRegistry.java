package org.caregrid.ingest.registry;

import io.vertx.core.Future;
import java.util.Optional;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;

/**
 * Who may send data. Answers at once from memory for a device it knows; for one it does not, it
 * asks the database before anything is refused (a device enrolled a moment ago must work). Both run
 * on event loops: the database is asked on a worker, and the answer comes back on the caller's
 * context.
 */
public interface DeviceRegistry {

  /**
   * The active, enrolled device with this id.
   *
   * @return fails with {@code RejectedException(UNKNOWN_DEVICE)} when there is none, or with {@code
   *     UnavailableException} when the database cannot say
   */
  Future<Device> require(DeviceId id);

  /**
   * The DTLS pre-shared key of an active device; empty when there is no such device or it has no
   * key, or when the database cannot say (the handshake fails, and the device tries again).
   */
  Future<Optional<byte[]>> psk(DeviceId id);
}

package org.caregrid.sim.transport;

import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.reading.Telemetry;

/**
 * One device's connection to the platform, in the encoding the device speaks. Sending never blocks
 * the caller: a message is handed over and its outcome counted in {@link Traffic}.
 */
public interface DeviceLink extends AutoCloseable {
  void telemetry(Telemetry telemetry);

  void event(DeviceEvent event);

  /** Disconnects; an MQTT device says {@code offline} first, as firmware shutting down does. */
  @Override
  void close();
}

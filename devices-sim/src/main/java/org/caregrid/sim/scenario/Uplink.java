package org.caregrid.sim.scenario;

/** How a scenario's device reaches the platform: one uplink message, returning once it is sent. */
@FunctionalInterface
public interface Uplink {
  /**
   * @param channel {@code telemetry}, {@code event} or {@code status}
   */
  void send(String channel, byte[] payload) throws Exception;
}

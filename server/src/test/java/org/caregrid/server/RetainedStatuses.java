package org.caregrid.server;

import org.caregrid.sim.district.District;
import org.caregrid.testing.TestDevices;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The retained {@code care/{id}/status} of a simulated district's devices, removed from a shared
 * broker. Device ids are numbered the same in every generated district, so a status one test left
 * behind (a clean {@code offline}, or a Last Will) would reach the next test's ingest and raise
 * device alerts it never expected.
 */
public final class RetainedStatuses {
  private RetainedStatuses() {}

  public static void clear(String brokerUrl, District district) throws MqttException {
    try (TestDevices broker = new TestDevices(brokerUrl)) {
      for (District.Home home : district.homes()) {
        for (District.DeviceSpec device : home.devices()) {
          broker.clearRetained("care/" + device.uid() + "/status");
        }
      }
    }
  }
}

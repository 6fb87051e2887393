package org.caregrid.server.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Checks, before anything starts, that the demo's ports are free, to fail with one clear line. */
final class Ports {
  private Ports() {}

  /**
   * @param what what would listen there, e.g. "the embedded MQTT broker"
   * @param key the configuration key that moves it, e.g. {@code demo.broker-port}
   */
  static void requireFree(int port, String what, String key) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException(
          "port %d for %s is taken; set %s (or %s) to a free port"
              .formatted(port, what, key, org.caregrid.core.config.ConfigTree.envName(key)));
    }
  }
}

package org.caregrid.server.demo;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void aTakenPortIsNamedWithTheSettingThatMovesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(
              () -> Ports.requireFree(port, "the embedded MQTT broker", "demo.broker-port"))
          .hasMessage(
              "port %d for the embedded MQTT broker is taken; set demo.broker-port (or"
                  + " CAREGRID_DEMO_BROKER_PORT) to a free port",
              port);
    }
  }

  @Test
  void aFreePortPasses() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    int free = port;
    assertThatCode(() -> Ports.requireFree(free, "x", "http.port")).doesNotThrowAnyException();
  }
}

package org.caregrid.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.EnumSet;
import java.util.Map;
import org.caregrid.core.config.ConfigTree;
import org.caregrid.core.config.HttpConfig;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Test;

/** A node whose HTTP port is taken says so in one line, naming the setting. */
class TakenPortIT {

  @Test
  void reportsATakenHttpPortByName() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Settings settings =
          Settings.bind(ConfigTree.ofEnv(Map.of()))
              .withDatabase(TestServices.freshDatabase())
              .withHttp(new HttpConfig("127.0.0.1", port, ""));

      assertThatThrownBy(() -> Launcher.start(settings, EnumSet.of(Role.DASHBOARD)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + port + " is taken; set http.port or CAREGRID_HTTP_PORT");
    }
  }
}

package org.caregrid.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.caregrid.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private final ClientAddress behindProxies =
      ClientAddress.trusting(List.of("10.0.0.0/24", "192.168.1.5", "fd00::/8"));

  @Test
  void anUntrustedPeerIsTheClientWhateverItForwards() {
    assertThat(behindProxies.of("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
    assertThat(ClientAddress.trusting(List.of()).of("10.0.0.7", List.of("198.51.100.1")))
        .isEqualTo("10.0.0.7");
  }

  @Test
  void throughTrustedProxiesTheFirstAddressTheyDidNotWriteThemselvesIsTheClient() {
    assertThat(behindProxies.of("10.0.0.7", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
    // the client's own claim on the left is not believed; the proxies' chain is read from the right
    assertThat(behindProxies.of("10.0.0.7", List.of("1.2.3.4, 198.51.100.1, 192.168.1.5")))
        .isEqualTo("198.51.100.1");
    assertThat(behindProxies.of("10.0.0.7", List.of("1.2.3.4", "198.51.100.1")))
        .isEqualTo("198.51.100.1");
    assertThat(behindProxies.of("fd00::1", List.of("2001:db8::5")))
        .isEqualTo("2001:db8:0:0:0:0:0:5");
  }

  @Test
  void withoutAUsableForwardedForTheLastTrustedHopIsTheClient() {
    assertThat(behindProxies.of("10.0.0.7", List.of())).isEqualTo("10.0.0.7");
    assertThat(behindProxies.of("10.0.0.7", List.of("evil.example, 192.168.1.5")))
        .isEqualTo("192.168.1.5");
  }

  @Test
  void refusesProxiesThatAreNotAddresses() {
    for (String bad : List.of("proxy.internal", "10.0.0.0/33", "10.0.0.0/x", "1.2.3.4/8/8")) {
      assertThatThrownBy(() -> ClientAddress.trusting(List.of(bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("auth.trusted-proxies");
    }
  }
}

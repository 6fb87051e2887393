package org.caregrid.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MqttConfigTest {
  @Test
  void oneAddressIsAListOfOne() {
    assertThat(new MqttConfig("tcp://127.0.0.1:1883", "", "").urls())
        .containsExactly("tcp://127.0.0.1:1883");
  }

  @Test
  void severalAddressesAreTriedInTheGivenOrder() {
    assertThat(new MqttConfig("tcp://a:1883, ssl://b:8883", "", "").urls())
        .containsExactly("tcp://a:1883", "ssl://b:8883");
  }

  @Test
  void anEmptyOrForeignEntryIsRefusedByName() {
    assertThatThrownBy(() -> new MqttConfig("tcp://a:1883,", "", ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("got: ");
    assertThatThrownBy(() -> new MqttConfig("tcp://a:1883,http://b", "", ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http://b");
  }
}

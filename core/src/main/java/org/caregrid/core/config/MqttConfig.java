package org.caregrid.core.config;

import java.util.Arrays;
import java.util.List;

/**
 * The MQTT broker the platform talks to ({@code mqtt:}).
 *
 * @param url e.g. {@code tcp://127.0.0.1:1883}, or several such addresses separated by commas,
 *     tried in that order on every (re)connect: the broker's other listeners, or the address a
 *     standby broker takes over with the same persistence
 * @param username the platform's broker account; empty for an anonymous broker
 */
public record MqttConfig(String url, String username, String password) {
  public MqttConfig {
    if (url == null || url.isBlank()) {
      throw new ConfigException("mqtt.url must be tcp://host:port or ssl://host:port, got: " + url);
    }
    for (String one : urls(url)) {
      if (!(one.startsWith("tcp://") || one.startsWith("ssl://"))) {
        throw new ConfigException(
            "mqtt.url must be tcp://host:port or ssl://host:port (several separated by commas),"
                + " got: "
                + one);
      }
    }
  }

  public static MqttConfig defaults() {
    return new MqttConfig("tcp://127.0.0.1:1883", "", "");
  }

  public MqttConfig withUrl(String newUrl) {
    return new MqttConfig(newUrl, username, password);
  }

  /** The broker's addresses in the order to try them. */
  public List<String> urls() {
    return urls(url);
  }

  /** {@code list} split at commas, blanks trimmed: how every client reads a broker address list. */
  public static List<String> urls(String list) {
    return Arrays.stream(list.split(",", -1)).map(String::trim).toList();
  }

  @Override
  public String toString() {
    return "MqttConfig[url=" + url + ", username=" + username + ", password=***]";
  }
}

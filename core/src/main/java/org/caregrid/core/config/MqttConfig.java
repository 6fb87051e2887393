package org.caregrid.core.config;

/**
 * The MQTT broker the platform talks to ({@code mqtt:}).
 *
 * @param url e.g. {@code tcp://127.0.0.1:1883}
 * @param username the platform's broker account; empty for an anonymous broker
 */
public record MqttConfig(String url, String username, String password) {
  public MqttConfig {
    if (url == null || !(url.startsWith("tcp://") || url.startsWith("ssl://"))) {
      throw new ConfigException("mqtt.url must be tcp://host:port or ssl://host:port, got: " + url);
    }
  }

  public static MqttConfig defaults() {
    return new MqttConfig("tcp://127.0.0.1:1883", "", "");
  }

  public MqttConfig withUrl(String newUrl) {
    return new MqttConfig(newUrl, username, password);
  }

  @Override
  public String toString() {
    return "MqttConfig[url=" + url + ", username=" + username + ", password=***]";
  }
}

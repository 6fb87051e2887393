package org.caregrid.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.ingest.IngestConfig;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/** The options of a connection that resumes an ingest session: its own, or a dead node's. */
final class SessionOptions {
  private SessionOptions() {}

  /**
   * Clean start off and the configured session expiry, so that the broker keeps queueing for the
   * session whenever the connection is down.
   */
  static MqttConnectionOptions of(MqttConfig broker, IngestConfig.Mqtt config) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(false);
    // Paho tries each address in turn, on the first connect and on every reconnect.
    o.setServerURIs(broker.urls().toArray(String[]::new));
    o.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
    o.setReceiveMaximum(config.receiveMaximum());
    o.setKeepAliveInterval(30);
    o.setConnectionTimeout(10);
    if (!broker.username().isEmpty()) {
      o.setUserName(broker.username());
      o.setPassword(broker.password().getBytes(StandardCharsets.UTF_8));
    }
    return o;
  }
}

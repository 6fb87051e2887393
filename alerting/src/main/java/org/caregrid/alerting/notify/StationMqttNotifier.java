package org.caregrid.alerting.notify;

import io.vertx.core.Future;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.metrics.AlertingMetrics.Channel;
import org.caregrid.alerting.routing.HelpRequest;

/**
 * Tells a station over MQTT: {@code care/stations/{station code}/alerts}, QoS 1, the JSON of {@link
 * HelpRequestJson}. The future completes when the broker has acknowledged the message (PUBACK);
 * from there the broker delivers it to the station's panels and apps.
 */
public final class StationMqttNotifier implements Notifier, AutoCloseable {
  private final MqttPublisher mqtt;
  private final AlertingMetrics metrics;

  /** Publishes through {@code mqtt}, which {@link #close()} stops. */
  public StationMqttNotifier(MqttPublisher mqtt, AlertingMetrics metrics) {
    this.mqtt = mqtt;
    this.metrics = metrics;
  }

  public static String topic(String stationCode) {
    return "care/stations/" + stationCode + "/alerts";
  }

  @Override
  public Future<Void> notify(HelpRequest request) {
    return mqtt.publish(topic(request.station().code()), HelpRequestJson.encode(request))
        .onSuccess(v -> metrics.notified(Channel.STATION_MQTT))
        .onFailure(e -> metrics.notifyFailed(Channel.STATION_MQTT));
  }

  /** Stops the connection, without waiting (safe on an event loop). */
  @Override
  public void close() {
    mqtt.stop();
  }
}

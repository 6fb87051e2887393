package org.caregrid.alerting.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.metrics.AlertingMetrics.Channel;

/**
 * Downlink commands to residents' pendants on {@code care/{deviceUid}/cmd}, QoS 1. On accept, the
 * pendant is told that help is coming: {@code {"type":"help_coming","alert":42,"station":"Qingshan
 * community station","ts":1764460800123}}.
 */
public final class PendantCommands {
  private final MqttPublisher mqtt;
  private final Clock clock;
  private final AlertingMetrics metrics;

  public PendantCommands(MqttPublisher mqtt, Clock clock, AlertingMetrics metrics) {
    this.mqtt = mqtt;
    this.clock = clock;
    this.metrics = metrics;
  }

  public static String topic(String deviceUid) {
    return "care/" + deviceUid + "/cmd";
  }

  /** Completes when the broker has acknowledged the command for every pendant. */
  public Future<Void> helpComing(long alertId, String stationName, List<String> pendantUids) {
    JsonObject command =
        new JsonObject()
            .put("type", "help_coming")
            .put("alert", alertId)
            .put("station", stationName)
            .put("ts", clock.millis());
    List<Future<Void>> sent =
        pendantUids.stream()
            .map(
                uid ->
                    mqtt.publish(topic(uid), command.toBuffer())
                        .onSuccess(v -> metrics.notified(Channel.PENDANT))
                        .onFailure(e -> metrics.notifyFailed(Channel.PENDANT)))
            .toList();
    return Future.all(sent).mapEmpty();
  }
}

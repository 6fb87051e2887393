package org.caregrid.ingest.mqtt;

import java.util.Optional;
import org.caregrid.core.device.DeviceId;

/**
 * A device topic, {@code care/{deviceId}/{channel}} (DESIGN §4). The broker's ACL lets a device
 * publish only under its own id, so the id in the topic is the authenticated sender.
 */
public record CareTopic(DeviceId device, Channel channel) {

  /** What a device sends on a topic. */
  public enum Channel {
    TELEMETRY,
    EVENT,
    STATUS
  }

  /** Parses {@code topic}, or empty when it does not follow the contract. */
  public static Optional<CareTopic> parse(String topic) {
    if (!topic.startsWith("care/")) {
      return Optional.empty();
    }
    int slash = topic.indexOf('/', 5);
    if (slash < 0 || topic.indexOf('/', slash + 1) >= 0) {
      return Optional.empty();
    }
    String id = topic.substring(5, slash);
    Channel channel =
        switch (topic.substring(slash + 1)) {
          case "telemetry" -> Channel.TELEMETRY;
          case "event" -> Channel.EVENT;
          case "status" -> Channel.STATUS;
          default -> null;
        };
    if (channel == null || !DeviceId.isValid(id)) {
      return Optional.empty();
    }
    return Optional.of(new CareTopic(new DeviceId(id), channel));
  }

  /** The filter for one channel of every device, shared by the group {@code group}. */
  public static String sharedFilter(String group, Channel channel) {
    return "$share/" + group + "/care/+/" + channel.name().toLowerCase(java.util.Locale.ROOT);
  }
}

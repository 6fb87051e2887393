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
    TELEMETRY("telemetry"),
    EVENT("event"),
    STATUS("status");

    private final String segment;

    Channel(String segment) {
      this.segment = segment;
    }
  }

  private static final String PREFIX = "care/";
  private static final Channel[] CHANNELS = Channel.values();

  /**
   * Parses {@code topic}, or empty when it does not follow the contract. Runs for every message, so
   * it only scans the string: no regular expression, no substring but the id.
   */
  public static Optional<CareTopic> parse(String topic) {
    if (!topic.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int slash = topic.indexOf('/', PREFIX.length());
    if (slash < 0) {
      return Optional.empty();
    }
    Channel channel = channelAt(topic, slash + 1);
    if (channel == null) {
      return Optional.empty();
    }
    String id = topic.substring(PREFIX.length(), slash);
    return DeviceId.isValid(id)
        ? Optional.of(new CareTopic(new DeviceId(id), channel))
        : Optional.empty();
  }

  /** The channel named by the whole rest of {@code topic} from {@code start}, or null. */
  private static Channel channelAt(String topic, int start) {
    int length = topic.length() - start;
    for (Channel channel : CHANNELS) {
      String name = channel.segment;
      if (name.length() == length && topic.startsWith(name, start)) {
        return channel;
      }
    }
    return null;
  }

  /** The filter for one channel of every device, shared by the group {@code group}. */
  public static String sharedFilter(String group, Channel channel) {
    return "$share/" + group + "/" + PREFIX + "+/" + channel.segment;
  }
}

package org.caregrid.ingest.broker;

import java.util.List;
import org.caregrid.core.device.DeviceId;

/**
 * One login on the broker and what it may do there: the topics it may publish to, and the filters
 * it may subscribe to, which are also all it may receive. Nothing else is allowed, so a device
 * cannot join a subscription (shared or not) on a topic it may not read: it is refused at SUBSCRIBE
 * and never takes a share of anyone's messages.
 *
 * @param passwordHash in Mosquitto's PBKDF2 format ({@code $7$...})
 */
public record BrokerAccount(
    String user, Kind kind, String passwordHash, List<String> publish, List<String> subscribe) {

  /** What the account belongs to; each kind has its own rules, below. */
  public enum Kind {
    PLATFORM,
    DEVICE,
    STATION_PANEL
  }

  /** What a device publishes on, under its own id (DESIGN §4). */
  private static final List<String> UPLINK = List.of("telemetry", "event", "status");

  /** A station panel's login name: the prefix keeps it apart from the platform's account. */
  public static String panelUser(String stationCode) {
    return "station." + stationCode;
  }

  /**
   * The platform (ingest and alerting): takes every device's uplink through a share group, sends
   * commands to devices and help requests to stations.
   */
  public static BrokerAccount platform(String user, String hash) {
    List<String> reads =
        UPLINK.stream()
            .flatMap(channel -> List.of("$share/+/care/+/" + channel, "care/+/" + channel).stream())
            .toList();
    return new BrokerAccount(
        user, Kind.PLATFORM, hash, List.of("care/+/cmd", "care/stations/+/alerts"), reads);
  }

  /** A device writes only under {@code care/{id}/} and reads only its own commands. */
  public static BrokerAccount device(DeviceId id, String hash) {
    String own = "care/" + id.value() + "/";
    return new BrokerAccount(
        id.value(),
        Kind.DEVICE,
        hash,
        UPLINK.stream().map(channel -> own + channel).toList(),
        List.of(own + "cmd"));
  }

  /** A station's panel or app reads its own station's help requests and publishes nothing. */
  public static BrokerAccount stationPanel(String stationCode, String hash) {
    return new BrokerAccount(
        panelUser(stationCode),
        Kind.STATION_PANEL,
        hash,
        List.of(),
        List.of("care/stations/" + stationCode + "/alerts"));
  }

  public boolean mayPublish(String topic) {
    return publish.stream().anyMatch(allowed -> TopicFilters.covers(allowed, topic));
  }

  public boolean maySubscribe(String filter) {
    return subscribe.stream().anyMatch(allowed -> TopicFilters.covers(allowed, filter));
  }

  @Override
  public String toString() {
    return "BrokerAccount[user=" + user + ", kind=" + kind + "]";
  }
}

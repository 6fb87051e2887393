package org.caregrid.sim.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * What a load run does, checked against its bounds.
 *
 * @param rate telemetry messages per second in all, each of 4 readings
 * @param inFlight unacknowledged publishes per connection (Mosquitto's default Receive Maximum is
 *     20)
 * @param eventsPerSecond SOS presses injected, each from another pendant and resident
 */
public record LoadOptions(
    String broker,
    String prefix,
    int devices,
    double rate,
    Duration duration,
    int qos,
    int connections,
    int inFlight,
    double eventsPerSecond,
    Duration progressEvery) {
  public static final int MAX_DEVICES = 100_000;
  public static final double MAX_RATE = 200_000;
  public static final Duration MAX_DURATION = Duration.ofHours(1);
  public static final int MAX_CONNECTIONS = 64;
  public static final int MAX_PENDANTS = 10_000;

  public LoadOptions {
    check(devices >= 1 && devices <= MAX_DEVICES, "devices must be 1.." + MAX_DEVICES);
    check(rate > 0 && rate <= MAX_RATE, "rate must be above 0 and at most " + (int) MAX_RATE);
    check(
        !duration.isNegative() && !duration.isZero() && duration.compareTo(MAX_DURATION) <= 0,
        "duration must be above 0 and at most " + MAX_DURATION.toMinutes() + " min");
    check(qos == 0 || qos == 1, "qos must be 0 or 1");
    check(connections >= 1 && connections <= MAX_CONNECTIONS, "connections must be 1..64");
    check(inFlight >= 1 && inFlight <= 65_535, "in-flight must be 1..65535");
    check(eventsPerSecond >= 0, "events per second must not be negative");
    check(pendants(eventsPerSecond, duration) <= MAX_PENDANTS, "at most 10000 injected events");
  }

  /** The pendants a run needs: one per injected press, so each press opens its own alert. */
  public int pendants() {
    return pendants(eventsPerSecond, duration);
  }

  /** The id of telemetry device {@code i}. */
  public String device(int i) {
    return String.format(java.util.Locale.ROOT, "%s%06d", prefix, i);
  }

  /** The id of pendant {@code i}, which is also its resident's name. */
  public String pendant(int i) {
    return String.format(java.util.Locale.ROOT, "%ssos-%05d", prefix, i);
  }

  /** Refuses a broker that is not on this machine unless the caller said it may be. */
  public void requireLoopback(boolean allowRemote) {
    if (allowRemote) {
      return;
    }
    String host = URI.create(broker).getHost();
    try {
      if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
        throw new IllegalArgumentException(
            "the broker " + broker + " is not on this machine; add --allow-remote to load it");
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown broker host " + host, e);
    }
  }

  private static int pendants(double eventsPerSecond, Duration duration) {
    return (int) Math.ceil(eventsPerSecond * duration.toMillis() / 1000.0);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}

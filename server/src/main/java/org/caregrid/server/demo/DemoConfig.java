package org.caregrid.server.demo;

import java.time.Duration;
import org.caregrid.core.config.ConfigException;

/**
 * The {@code demo:} section: the embedded services and the simulated district.
 *
 * @param dataDir where the embedded database and broker keep their data between runs
 * @param brokerPort the embedded broker's MQTT port; not 1883, which a real broker often holds
 * @param databasePort the embedded PostgreSQL's port
 * @param homes simulated homes, each with its resident's devices
 * @param seed the same seed gives the same district
 * @param firstEpisodeAfter when the first simulated tachycardia starts, so an alert shows soon
 * @param episodeEvery how often another starts
 */
public record DemoConfig(
    String dataDir,
    int brokerPort,
    int databasePort,
    int homes,
    long seed,
    Duration firstEpisodeAfter,
    Duration episodeEvery) {
  public DemoConfig {
    if (homes < 1 || homes > 5_000) {
      throw new ConfigException("demo.homes must be 1..5000, got: " + homes);
    }
  }

  public static DemoConfig defaults() {
    return new DemoConfig(
        "data", 1884, 15432, 60, 1, Duration.ofSeconds(10), Duration.ofMinutes(3));
  }
}

package org.caregrid.alerting.engine;

import java.time.Duration;
import org.caregrid.core.config.ConfigException;

/**
 * The {@code alerting.engine:} section.
 *
 * @param shards how many threads evaluate rules; each resident belongs to one of them
 * @param tick how often rules that wait for something that did not happen are asked to decide
 * @param replay how far back stored device events are replayed at start to rebuild rule state
 */
public record EngineConfig(int shards, Duration tick, Duration replay) {
  public EngineConfig {
    if (shards < 1) {
      throw new ConfigException("alerting.engine.shards must be at least 1, got: " + shards);
    }
    if (tick.isNegative() || tick.isZero()) {
      throw new ConfigException("alerting.engine.tick must be positive, got: " + tick);
    }
    if (replay.isNegative()) {
      throw new ConfigException("alerting.engine.replay must not be negative, got: " + replay);
    }
  }

  public static EngineConfig defaults() {
    return new EngineConfig(2, Duration.ofSeconds(5), Duration.ofHours(12));
  }

  /** The shard that owns a resident's state. */
  public int shardOf(int residentKey) {
    return Math.floorMod(residentKey, shards);
  }
}

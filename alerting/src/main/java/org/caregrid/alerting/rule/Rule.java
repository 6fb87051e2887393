package org.caregrid.alerting.rule;

import org.caregrid.core.device.StatusChange;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.reading.ReadingBatch;

/**
 * One clinical or technical rule. Instances are confined to one thread (the engine creates a fresh
 * set per shard via {@code engine.Rules}), so rule state needs no locks.
 */
public interface Rule {
  default void onReadings(ReadingBatch batch, Resident resident, Findings findings) {}

  default void onEvent(EventBatch event, Resident resident, Findings findings) {}

  default void onStatus(StatusChange change, Resident resident, Findings findings) {}

  /**
   * Called every few seconds (engine's tick, configurable) for each known resident, so rules that
   * wait for something that did not happen can decide; "now" comes from the rule's injected {@link
   * java.time.Clock}.
   */
  default void onTick(Resident resident, Findings findings) {}
}

package org.caregrid.alerting.engine;

import org.caregrid.core.bus.Addresses;

/**
 * The local addresses the rule shards listen on for readings, events and status changes.
 *
 * @param readings where {@link org.caregrid.core.reading.ReadingBatch}es arrive
 * @param events where {@link org.caregrid.core.event.EventBatch}es arrive
 * @param status where {@link org.caregrid.core.device.StatusChange}s arrive
 */
public record Inbox(String readings, String events, String status) {
  /** A single node: the shards hear what ingest publishes. */
  public static final Inbox INGEST =
      new Inbox(Addresses.READINGS, Addresses.EVENTS, Addresses.DEVICE_STATUS);

  /** A cluster node: the shards hear only what was routed to this node as the residents' owner. */
  public static final Inbox OWNED =
      new Inbox(
          "care.alerting.owned.readings",
          "care.alerting.owned.events",
          "care.alerting.owned.status");
}

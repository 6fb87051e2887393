package org.caregrid.ingest.pipeline;

/**
 * Whether a message may queue for the writer when it already holds {@code ingest.writer.capacity}
 * uncommitted readings. Each transport decides, by what stands behind it.
 */
public enum Admission {
  /**
   * Queue anyway: the broker holds what is not acknowledged, and the connection's Receive Maximum
   * already bounds how much waits here (MQTT).
   */
  ALWAYS,
  /** Refuse at once with "retry later": the device has nothing else to keep its data in (CoAP). */
  WITHIN_CAPACITY
}

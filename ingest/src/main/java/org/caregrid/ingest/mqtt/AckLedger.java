package org.caregrid.ingest.mqtt;

import java.util.ArrayDeque;

/**
 * Sends PUBACKs in the order the messages arrived (MQTT-4.6.0-2), each only once its message is
 * settled: committed, or rejected for good. Belongs to one connection and one Vert.x context.
 */
final class AckLedger {

  /** Sends the acknowledgement for one message. */
  interface Acker {
    void ack(int messageId, int qos);
  }

  static final class Entry {
    private final int messageId;
    private final int qos;
    private final long epoch;
    private boolean settled;

    private Entry(int messageId, int qos, long epoch) {
      this.messageId = messageId;
      this.qos = qos;
      this.epoch = epoch;
    }
  }

  private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
  private final Acker acker;
  private long epoch;

  AckLedger(Acker acker) {
    this.acker = acker;
  }

  Entry arrived(int messageId, int qos) {
    Entry e = new Entry(messageId, qos, epoch);
    waiting.addLast(e);
    return e;
  }

  void settled(Entry entry) {
    if (entry.epoch != epoch) {
      return;
    }
    entry.settled = true;
    while (!waiting.isEmpty() && waiting.peekFirst().settled) {
      Entry head = waiting.pollFirst();
      acker.ack(head.messageId, head.qos);
    }
  }

  /**
   * The connection was lost: its packet ids mean nothing on the next one, and the broker will
   * redeliver whatever was not acknowledged, so forget it all.
   */
  void connectionLost() {
    epoch++;
    waiting.clear();
  }

  int unacked() {
    return waiting.size();
  }
}

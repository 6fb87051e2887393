package org.caregrid.ingest.pipeline;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows each device's message counter to reveal loss between device and platform: a jump from 41
 * to 45 means three messages never arrived. Redeliveries and reordering (a lower number) are not
 * gaps. A restarted device (counter back near zero) starts a new sequence.
 */
public final class SeqTracker {
  /** Each device's highest counter; a cell per device so that a message costs a read and a CAS. */
  private final ConcurrentHashMap<Integer, AtomicLong> last = new ConcurrentHashMap<>();

  /** Returns how many messages are missing before {@code seq}; 0 when none or unknown. */
  public long gapBefore(int deviceKey, long seq) {
    if (seq < 0) {
      return 0;
    }
    AtomicLong cell = last.get(deviceKey);
    if (cell == null) {
      cell = last.putIfAbsent(deviceKey, new AtomicLong(seq));
      if (cell == null) {
        return 0;
      }
    }
    while (true) {
      long previous = cell.get();
      long next = seq > previous || seq < previous / 2 ? seq : previous;
      if (next == previous || cell.compareAndSet(previous, next)) {
        return seq > previous + 1 ? seq - previous - 1 : 0;
      }
    }
  }
}

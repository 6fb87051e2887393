package org.caregrid.ingest.pipeline;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows each device's message counter to reveal loss between device and platform: a jump from 41
 * to 45 means three messages never arrived. Redeliveries and reordering (a lower number) are not
 * gaps. A restarted device (counter back near zero) starts a new sequence.
 */
public final class SeqTracker {
  private final ConcurrentHashMap<Integer, Long> last = new ConcurrentHashMap<>();

  /** Returns how many messages are missing before {@code seq}; 0 when none or unknown. */
  public long gapBefore(int deviceKey, long seq) {
    if (seq < 0) {
      return 0;
    }
    long[] gap = new long[1];
    last.merge(
        deviceKey,
        seq,
        (previous, current) -> {
          if (current > previous + 1) {
            gap[0] = current - previous - 1;
          }
          return current > previous || current < previous / 2 ? current : previous;
        });
    return gap[0];
  }
}

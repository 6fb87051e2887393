package org.caregrid.bench.ingest;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.caregrid.bench.rig.IngestProcess;

/** Samples the platform's used heap once a second and keeps the largest value. */
final class HeapSampler {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong max = new AtomicLong();

  HeapSampler(IngestProcess ingest) {
    var unused =
        timer.scheduleAtFixedRate(
            () -> {
              try {
                long used = (long) ingest.metric("jvm_memory_used_bytes", "area=\"heap\"");
                max.accumulateAndGet(used, Math::max);
              } catch (Exception e) {
                // a missed sample; the next one counts
              }
            },
            0,
            1,
            TimeUnit.SECONDS);
  }

  /** Stops sampling; returns the largest heap seen, in bytes. */
  long stop() {
    timer.shutdownNow();
    return max.get();
  }
}

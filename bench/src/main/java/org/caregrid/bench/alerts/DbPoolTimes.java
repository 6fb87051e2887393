package org.caregrid.bench.alerts;

import java.io.IOException;
import org.caregrid.bench.rig.IngestProcess;

/**
 * One of the platform's database worker pools as Vert.x's own pool meters see it: how long tasks
 * waited for a thread and how long they ran. Read twice, the difference covers a window. {@code
 * caregrid-db} runs ingest's JDBC (COPY batches, event inserts); {@code caregrid-alerting-db} the
 * alert transactions.
 */
record DbPoolTimes(double tasks, double queuedSeconds, double ranSeconds) {
  static final String SHARED = "caregrid-db";
  static final String ALERTING = "caregrid-alerting-db";

  static DbPoolTimes read(IngestProcess platform, String pool)
      throws IOException, InterruptedException {
    String label = "pool_name=\"" + pool + "\"";
    return new DbPoolTimes(
        platform.metric("vertx_pool_usage_seconds_count", label),
        platform.metric("vertx_pool_queue_time_seconds_sum", label),
        platform.metric("vertx_pool_usage_seconds_sum", label));
  }

  DbPoolTimes since(DbPoolTimes before) {
    return new DbPoolTimes(
        tasks - before.tasks, queuedSeconds - before.queuedSeconds, ranSeconds - before.ranSeconds);
  }

  double queueWaitMeanMs() {
    return tasks == 0 ? 0 : 1000 * queuedSeconds / tasks;
  }

  double runMeanMs() {
    return tasks == 0 ? 0 : 1000 * ranSeconds / tasks;
  }
}

package org.caregrid.bench;

import java.io.IOException;

/**
 * The platform's database worker pool ({@code caregrid-db}, which runs every JDBC call: COPY
 * batches, event inserts, alert transactions) as Vert.x's own pool meters see it: how long tasks
 * waited for a thread and how long they ran. Read twice, the difference covers a window.
 */
record DbPoolTimes(double tasks, double queuedSeconds, double ranSeconds) {
  private static final String POOL = "pool_name=\"caregrid-db\"";

  static DbPoolTimes read(IngestProcess platform) throws IOException, InterruptedException {
    return new DbPoolTimes(
        platform.metric("vertx_pool_usage_seconds_count", POOL),
        platform.metric("vertx_pool_queue_time_seconds_sum", POOL),
        platform.metric("vertx_pool_usage_seconds_sum", POOL));
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

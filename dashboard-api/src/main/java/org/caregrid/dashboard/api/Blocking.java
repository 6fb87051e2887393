package org.caregrid.dashboard.api;

import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * How a handler runs its JDBC: on the database workers, never on the event loop, answering on the
 * request's loop once the work is done. A failure goes to the router's failure handler ({@link
 * ApiFailures}), which maps it to problem JSON.
 */
final class Blocking {
  private Blocking() {}

  static <T> void answer(
      WorkerExecutor db, RoutingContext ctx, Callable<T> work, Handler<T> answer) {
    db.executeBlocking(work, false).onSuccess(answer).onFailure(ctx::fail);
  }
}

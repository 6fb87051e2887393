package org.caregrid.dashboard.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** Answers with what a query found, or 404: unknown and not visible look the same. */
final class Replies {
  private Replies() {}

  static void found(RoutingContext ctx, int status, Optional<?> found) {
    if (found.isEmpty()) {
      ctx.fail(404);
      return;
    }
    Object body = found.get();
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body instanceof JsonArray a ? a.encode() : ((JsonObject) body).encode());
  }
}

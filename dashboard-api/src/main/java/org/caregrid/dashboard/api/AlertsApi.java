package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.caregrid.dashboard.query.AlertQueries;

/** {@code GET /api/v1/alerts}: the newest alerts, open ones unless {@code ?state=all}. */
public final class AlertsApi {
  private static final int MAX_LIMIT = 500;

  private final AlertQueries queries;
  private final WorkerExecutor db;

  public AlertsApi(AlertQueries queries, WorkerExecutor db) {
    this.queries = queries;
    this.db = db;
  }

  public void mount(Router api) {
    api.get("/alerts").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    boolean all = "all".equals(ctx.queryParams().get("state"));
    int limit = ApiFailures.intParam(ctx, "limit", 100, 1, MAX_LIMIT);
    db.executeBlocking(() -> queries.recent(all, limit), false)
        .map(
            alerts ->
                alerts.stream()
                    .map(AlertJson::of)
                    .collect(JsonArray::new, JsonArray::add, JsonArray::addAll))
        .onSuccess(body -> ctx.json(body))
        .onFailure(ctx::fail);
  }
}

package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.HomeQueries;
import org.caregrid.dashboard.store.HomeStore;

/** {@code /homes}: the homes in the programme, and enrolling one. */
public final class HomesApi {
  /** Where the programme runs, for a home enrolled without a time zone. */
  private static final String DEFAULT_ZONE = "Asia/Shanghai";

  private final HomeQueries queries;
  private final HomeStore homes;
  private final WorkerExecutor db;

  public HomesApi(HomeQueries queries, HomeStore homes, WorkerExecutor db) {
    this.queries = queries;
    this.homes = homes;
    this.db = db;
  }

  public void mount(Router api) {
    api.get("/homes").handler(this::list);
    api.post("/homes").handler(this::create);
  }

  private void list(RoutingContext ctx) {
    if (Access.require(ctx, Access.DISTRICT) == null) {
      return;
    }
    Blocking.answer(db, ctx, queries::all, all -> ctx.json(RegistryJson.homes(all)));
  }

  private void create(RoutingContext ctx) {
    Principal who = Access.require(ctx, Access.PROGRAMME);
    if (who == null) {
      return;
    }
    JsonObject body = Params.body(ctx);
    String zone = body.getValue("timeZone") == null ? DEFAULT_ZONE : Params.text(body, "timeZone");
    try {
      zone = ZoneId.of(zone).getId();
    } catch (DateTimeException e) {
      throw new ApiFailures.BadRequest("timeZone must be an IANA zone, e.g. Asia/Shanghai");
    }
    JsonObject home =
        new JsonObject()
            .put("address", Params.text(body, "address"))
            .put("community", Params.text(body, "community"))
            .put("lat", Params.number(body, "lat", -90, 90))
            .put("lon", Params.number(body, "lon", -180, 180))
            .put("timeZone", zone);
    Blocking.answer(
        db,
        ctx,
        () -> homes.create(who, home),
        created ->
            ctx.response()
                .setStatusCode(201)
                .putHeader("Content-Type", "application/json")
                .end(RegistryJson.home(created).encode()));
  }
}

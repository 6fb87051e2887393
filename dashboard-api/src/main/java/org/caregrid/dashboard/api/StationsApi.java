package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.caregrid.dashboard.api.ApiFailures.BadRequest;
import org.caregrid.dashboard.api.ApiFailures.Refused;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.query.StationQueries;
import org.caregrid.dashboard.query.StationScope;
import org.caregrid.dashboard.query.StationView;
import org.caregrid.dashboard.store.StationStore;

/**
 * {@code /api/v1/stations}: the stations a user may see with their load, and duty on or off (the
 * station's lead, or district staff for any station), with each station's shifts below it.
 */
public final class StationsApi {
  private final StationQueries queries;
  private final StationStore stations;
  private final WorkerExecutor db;
  private final ShiftApis shifts;

  public StationsApi(
      StationQueries queries, StationStore stations, WorkerExecutor db, ShiftApis shifts) {
    this.queries = queries;
    this.stations = stations;
    this.db = db;
    this.shifts = shifts;
  }

  public void mount(Router api) {
    api.get("/stations").handler(this::list);
    api.put("/stations/:id/duty").handler(this::duty);
    shifts.mount(api);
  }

  static JsonObject json(StationView s) {
    return new JsonObject()
        .put("id", s.id())
        .put("code", s.code())
        .put("name", s.name())
        .put("tier", s.tier())
        .put("parentId", s.parentId())
        .put("lat", s.lat())
        .put("lon", s.lon())
        .put("onDuty", s.onDuty())
        .put("capacity", s.capacity())
        .put("openAlerts", s.openAlerts());
  }

  private void list(RoutingContext ctx) {
    StationScope viewer = Visibility.of(Principal.of(ctx));
    Blocking.answer(
        db,
        ctx,
        () -> queries.list(viewer),
        stations -> ctx.json(AlertJson.array(stations, StationsApi::json)));
  }

  private void duty(RoutingContext ctx) {
    Principal who = Principal.of(ctx);
    if (who.role() != StaffRole.STATION_LEAD && who.role() != StaffRole.DISTRICT_ADMIN) {
      throw new Refused(403, "only a station's lead or district staff set duty");
    }
    int id = stationId(ctx);
    // To a lead, other stations do not exist, as in the list.
    if (who.role() == StaffRole.STATION_LEAD && who.stationId() != id) {
      throw notFound(ctx);
    }
    if (!(ApiFailures.jsonBody(ctx).getValue("onDuty") instanceof Boolean onDuty)) {
      throw new BadRequest("onDuty must be true or false");
    }
    Blocking.answer(
        db,
        ctx,
        () -> stations.setDuty(who, id, onDuty),
        station -> station.ifPresentOrElse(s -> ctx.json(json(s)), () -> ctx.fail(notFound(ctx))));
  }

  private static int stationId(RoutingContext ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw notFound(ctx);
    }
  }

  private static Refused notFound(RoutingContext ctx) {
    return new Refused(404, "no station " + ctx.pathParam("id"));
  }
}

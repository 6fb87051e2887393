package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.caregrid.dashboard.api.ApiFailures.BadRequest;
import org.caregrid.dashboard.api.ApiFailures.Refused;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.shift.Handovers;

/**
 * {@code /api/v1/stations/{id}/handovers}: the note the outgoing shift writes and the incoming
 * shift acknowledges. The station's own staff write and acknowledge; district and programme staff
 * read.
 */
final class HandoversApi {
  private static final Set<StaffRole> ON_SHIFT =
      Set.of(StaffRole.STATION_STAFF, StaffRole.STATION_LEAD);
  private static final int MAX_NOTE = 4000;

  private final Handovers handovers;
  private final WorkerExecutor db;

  HandoversApi(Handovers handovers, WorkerExecutor db) {
    this.handovers = handovers;
    this.db = db;
  }

  void mount(Router api) {
    api.get("/stations/:id/handovers").handler(this::list);
    api.get("/stations/:id/handovers/draft").handler(this::draft);
    api.post("/stations/:id/handovers").handler(this::write);
    api.post("/stations/:id/handovers/:handover/acknowledge").handler(this::acknowledge);
  }

  private void list(RoutingContext ctx) {
    int station = StationPath.station(ctx, RosterApi.READ);
    String pending = ctx.queryParams().get("pending");
    if (pending != null && !pending.equals("true") && !pending.equals("false")) {
      throw new BadRequest("pending must be true or false", "pending", "boolean");
    }
    int limit = ApiFailures.intParam(ctx, "limit", 10, 1, 50);
    Blocking.answer(
        db,
        ctx,
        () -> handovers.recent(station, "true".equals(pending), limit),
        notes ->
            notes.ifPresentOrElse(
                n -> ctx.json(AlertJson.array(n, ShiftJson::handover)),
                () -> ctx.fail(StationPath.notFound(ctx))));
  }

  private void draft(RoutingContext ctx) {
    // what the next note would carry is readable by all who read the station's notes
    int station = StationPath.station(ctx, RosterApi.READ);
    Blocking.answer(
        db,
        ctx,
        () -> handovers.draft(station),
        summary -> summary.ifPresentOrElse(ctx::json, () -> ctx.fail(StationPath.notFound(ctx))));
  }

  private void write(RoutingContext ctx) {
    int station = StationPath.station(ctx, ON_SHIFT);
    Principal who = Principal.of(ctx);
    if (!(ApiFailures.jsonBody(ctx).getValue("note") instanceof String note)) {
      throw new BadRequest("note must be text", "note", "string");
    }
    if (note.length() > MAX_NOTE) {
      throw new BadRequest("note must be at most " + MAX_NOTE + " characters", "note", "length");
    }
    Blocking.answer(
        db,
        ctx,
        () -> handovers.write(who, station, note.strip()),
        written ->
            written.ifPresentOrElse(
                h ->
                    ctx.response()
                        .setStatusCode(201)
                        .putHeader("Content-Type", "application/json")
                        .end(ShiftJson.handover(h).encode()),
                () -> ctx.fail(StationPath.notFound(ctx))));
  }

  private void acknowledge(RoutingContext ctx) {
    int station = StationPath.station(ctx, ON_SHIFT);
    Principal who = Principal.of(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("handover"));
    } catch (NumberFormatException e) {
      throw noHandover(ctx);
    }
    Blocking.answer(
        db,
        ctx,
        () -> {
          try {
            return handovers.acknowledge(who, station, id);
          } catch (Handovers.Refusal e) {
            throw new Refused(409, e.getMessage());
          }
        },
        done ->
            done.ifPresentOrElse(
                h -> ctx.json(ShiftJson.handover(h)), () -> ctx.fail(noHandover(ctx))));
  }

  private static Refused noHandover(RoutingContext ctx) {
    return new Refused(404, "no handover " + ctx.pathParam("handover") + " at this station");
  }
}

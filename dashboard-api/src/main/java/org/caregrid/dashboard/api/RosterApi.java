package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.caregrid.dashboard.api.ApiFailures.BadRequest;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.shift.Roster;
import org.caregrid.dashboard.shift.Shift;

/**
 * {@code /api/v1/stations/{id}/staff} and {@code /roster}: a station's people and who works which
 * shift. Its staff and district and programme staff read them; its lead and district staff edit.
 */
final class RosterApi {
  static final Set<StaffRole> READ =
      Set.of(
          StaffRole.STATION_STAFF,
          StaffRole.STATION_LEAD,
          StaffRole.DISTRICT_ADMIN,
          StaffRole.PROGRAMME_ADMIN);
  private static final Set<StaffRole> EDIT =
      Set.of(StaffRole.STATION_LEAD, StaffRole.DISTRICT_ADMIN);
  private static final int MAX_ON_SHIFT = 20;
  // far enough ahead for a season's planning, bounded so that a typo in the year is refused
  private static final int MAX_DAYS_AWAY = 366;

  private final Roster roster;
  private final WorkerExecutor db;
  private final Clock clock;

  RosterApi(Roster roster, WorkerExecutor db, Clock clock) {
    this.roster = roster;
    this.db = db;
    this.clock = clock;
  }

  void mount(Router api) {
    api.get("/stations/:id/staff").handler(this::staff);
    api.get("/stations/:id/roster").handler(this::list);
    api.put("/stations/:id/roster/:day/:shift").handler(this::assign);
  }

  private void staff(RoutingContext ctx) {
    int station = StationPath.station(ctx, READ);
    Blocking.answer(
        db,
        ctx,
        () -> roster.members(station),
        members ->
            members.ifPresentOrElse(
                m -> ctx.json(AlertJson.array(m, ShiftJson::member)),
                () -> ctx.fail(StationPath.notFound(ctx))));
  }

  private void list(RoutingContext ctx) {
    int station = StationPath.station(ctx, READ);
    LocalDate from =
        ctx.queryParams().get("from") == null ? LocalDate.now(clock) : Params.date(ctx, "from");
    int days = ApiFailures.intParam(ctx, "days", 7, 1, 31);
    Blocking.answer(
        db,
        ctx,
        () -> roster.slots(station, from, days),
        slots ->
            slots.ifPresentOrElse(
                s ->
                    ctx.json(
                        new JsonObject()
                            .put("stationId", station)
                            .put("from", from.toString())
                            .put("days", days)
                            .put("shifts", ShiftJson.shifts())
                            .put("slots", AlertJson.array(s, ShiftJson::slot))),
                () -> ctx.fail(StationPath.notFound(ctx))));
  }

  private void assign(RoutingContext ctx) {
    int station = StationPath.station(ctx, EDIT);
    Principal who = Principal.of(ctx);
    LocalDate day = day(ctx.pathParam("day"));
    if (Math.abs(day.toEpochDay() - LocalDate.now(clock).toEpochDay()) > MAX_DAYS_AWAY) {
      throw new BadRequest("day must be within a year of today", "day", "range");
    }
    Shift shift =
        Shift.fromCode(ctx.pathParam("shift"))
            .orElseThrow(() -> new BadRequest("shift must be day or night", "shift", "enum"));
    List<Integer> staffIds = staffIds(ApiFailures.jsonBody(ctx));
    Blocking.answer(
        db,
        ctx,
        () -> {
          try {
            return roster.assign(who, station, day, shift, staffIds);
          } catch (Roster.NotAtStation e) {
            throw new BadRequest(e.getMessage(), "staffIds", "not_at_station");
          }
        },
        slot ->
            slot.ifPresentOrElse(
                s -> ctx.json(ShiftJson.slot(s)), () -> ctx.fail(StationPath.notFound(ctx))));
  }

  private static LocalDate day(String raw) {
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw new BadRequest("day must be a date, YYYY-MM-DD", "day", "date");
    }
  }

  private static List<Integer> staffIds(JsonObject body) {
    if (!(body.getValue("staffIds") instanceof JsonArray raw)) {
      throw new BadRequest("staffIds must be an array of staff ids", "staffIds", "array");
    }
    if (raw.size() > MAX_ON_SHIFT) {
      throw new BadRequest(
          "at most " + MAX_ON_SHIFT + " staff on one shift", "staffIds", "too_many");
    }
    List<Integer> ids = new ArrayList<>();
    for (Object o : raw) {
      if (!(o instanceof Integer id)) {
        throw new BadRequest("staffIds must be whole numbers", "staffIds", "integer");
      }
      ids.add(id);
    }
    return ids;
  }
}

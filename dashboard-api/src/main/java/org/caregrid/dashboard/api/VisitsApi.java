package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.StationScope;
import org.caregrid.dashboard.visit.Assessment;
import org.caregrid.dashboard.visit.Category;
import org.caregrid.dashboard.visit.Coverage;
import org.caregrid.dashboard.visit.Finding;
import org.caregrid.dashboard.visit.NewVisit;
import org.caregrid.dashboard.visit.Recorded;
import org.caregrid.dashboard.visit.ResidentVisits;
import org.caregrid.dashboard.visit.RiskLevel;
import org.caregrid.dashboard.visit.Task;
import org.caregrid.dashboard.visit.VisitQueries;
import org.caregrid.dashboard.visit.VisitReport;
import org.caregrid.dashboard.visit.VisitStore;
import org.caregrid.dashboard.visit.VisitType;

/**
 * Visits (探访): a resident's assessment, plan and visits ({@code GET /residents/{id}/visits}), needs
 * assessment ({@code PUT /residents/{id}/assessment}), the visits due ({@code GET /visits/tasks}),
 * recording one ({@code POST /visits}) and the figures ({@code GET /reports/visits}). Station staff
 * reach only their station's residents; any other answers 404.
 */
public final class VisitsApi {
  private static final int MAX_TEXT = 1000;
  private static final int MAX_VISITS = 200;
  private static final int MAX_VISITOR = 100;
  private static final int DEFAULT_REPORT_DAYS = 30;
  private static final int LONGEST_REPORT_DAYS = 3660;

  /** A visit is recorded soon after it is made; older paper records are not for this form. */
  private static final int OLDEST_VISIT_DAYS = 366;

  private final VisitQueries queries;
  private final VisitStore store;
  private final WorkerExecutor db;
  private final Clock clock;

  public VisitsApi(VisitQueries queries, VisitStore store, WorkerExecutor db, Clock clock) {
    this.queries = queries;
    this.store = store;
    this.db = db;
    this.clock = clock;
  }

  public void mount(Router api) {
    api.get("/residents/:id/visits").handler(this::ofResident);
    api.put("/residents/:id/assessment").handler(this::assess);
    api.get("/visits/tasks").handler(this::tasks);
    api.post("/visits").handler(this::record);
    api.get("/reports/visits").handler(this::report);
  }

  private void assess(RoutingContext ctx) {
    Principal who = Principal.of(ctx);
    StationScope scope = Visibility.of(who);
    int id = Params.id(ctx);
    JsonObject body = Params.body(ctx);
    Category category = Category.fromCode(body.getString("category", ""));
    if (category == null) {
      throw new ApiFailures.BadRequest(
          "category must be living_alone, empty_nest, left_behind or other");
    }
    RiskLevel level = riskLevel(body);
    Blocking.answer(
        db,
        ctx,
        () -> store.assess(who, scope, id, category, level).map(VisitsApi::assessment),
        found -> Replies.found(ctx, 200, found));
  }

  private void ofResident(RoutingContext ctx) {
    StationScope scope = Visibility.of(Principal.of(ctx));
    int id = Params.id(ctx);
    int limit = ApiFailures.intParam(ctx, "limit", 20, 1, MAX_VISITS);
    Blocking.answer(
        db,
        ctx,
        () -> queries.resident(scope, id, limit).map(VisitsApi::residentVisits),
        found -> Replies.found(ctx, 200, found));
  }

  private void tasks(RoutingContext ctx) {
    StationScope scope = Visibility.of(Principal.of(ctx));
    Blocking.answer(
        db,
        ctx,
        () -> queries.tasks(scope),
        tasks -> {
          JsonArray out = new JsonArray();
          tasks.forEach(t -> out.add(task(t)));
          ctx.json(out);
        });
  }

  private void record(RoutingContext ctx) {
    Principal who = Principal.of(ctx);
    StationScope scope = Visibility.of(who);
    NewVisit visit = newVisit(Params.body(ctx));
    Blocking.answer(
        db,
        ctx,
        () -> {
          try {
            return Optional.of(recorded(store.record(who, scope, visit)));
          } catch (Recorded.Refused e) {
            if (e.why() == Recorded.Refusal.IN_FUTURE) {
              throw new ApiFailures.BadRequest("visitedOn must not be after today");
            }
            return Optional.<JsonObject>empty();
          }
        },
        found -> Replies.found(ctx, 201, found));
  }

  private void report(RoutingContext ctx) {
    StationScope scope = Visibility.of(Principal.of(ctx));
    LocalDate to =
        ctx.queryParams().get("to") == null
            ? LocalDate.now(clock.withZone(ZoneOffset.UTC))
            : Params.date(ctx, "to");
    LocalDate from =
        ctx.queryParams().get("from") == null
            ? to.minusDays(DEFAULT_REPORT_DAYS - 1)
            : Params.date(ctx, "from");
    if (to.isBefore(from) || to.toEpochDay() - from.toEpochDay() >= LONGEST_REPORT_DAYS) {
      throw new ApiFailures.BadRequest(
          "to must be on or after from, and at most " + LONGEST_REPORT_DAYS + " days later");
    }
    Blocking.answer(db, ctx, () -> queries.report(scope, from, to), r -> ctx.json(report(r)));
  }

  private static RiskLevel riskLevel(JsonObject body) {
    RiskLevel level = RiskLevel.fromCode(body.getString("riskLevel", ""));
    if (level == null) {
      throw new ApiFailures.BadRequest("riskLevel must be low, medium or high");
    }
    return level;
  }

  private NewVisit newVisit(JsonObject body) {
    int resident = Params.integer(body, "residentId");
    LocalDate visitedOn;
    try {
      visitedOn = LocalDate.parse(Params.text(body, "visitedOn"));
    } catch (DateTimeParseException e) {
      throw new ApiFailures.BadRequest("visitedOn must be a date, YYYY-MM-DD");
    }
    if (visitedOn.isBefore(
        LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(OLDEST_VISIT_DAYS))) {
      throw new ApiFailures.BadRequest(
          "visitedOn must be within the last " + OLDEST_VISIT_DAYS + " days");
    }
    String visitor = Params.text(body, "visitor");
    if (visitor.length() > MAX_VISITOR) {
      throw new ApiFailures.BadRequest("visitor must be at most " + MAX_VISITOR + " characters");
    }
    VisitType type = VisitType.fromCode(body.getString("type", ""));
    if (type == null) {
      throw new ApiFailures.BadRequest("type must be home_visit or phone_call");
    }
    if (!(body.getValue("findings") instanceof JsonObject findings)) {
      throw new ApiFailures.BadRequest(
          "findings must be an object of health, safety, home and needs, each ok or concern");
    }
    Map<Finding, Boolean> concerns = new EnumMap<>(Finding.class);
    for (Finding f : Finding.values()) {
      Object v = findings.getValue(f.code());
      if (!"ok".equals(v) && !"concern".equals(v)) {
        throw new ApiFailures.BadRequest("findings." + f.code() + " must be ok or concern");
      }
      concerns.put(f, "concern".equals(v));
    }
    if (findings.size() != Finding.values().length) {
      throw new ApiFailures.BadRequest("findings takes only health, safety, home and needs");
    }
    Object followUp = body.getValue("followUp");
    if (followUp != null && !(followUp instanceof String)) {
      throw new ApiFailures.BadRequest("followUp must be a string");
    }
    String text = followUp == null ? "" : ((String) followUp).trim();
    if (text.length() > MAX_TEXT) {
      throw new ApiFailures.BadRequest("followUp must be at most " + MAX_TEXT + " characters");
    }
    return new NewVisit(resident, visitedOn, visitor, type, concerns, text);
  }

  private static JsonObject assessment(Assessment a) {
    return new JsonObject()
        .put("residentId", a.residentId())
        .put("category", a.category().code())
        .put("riskLevel", a.riskLevel().code())
        .put("stationId", a.stationId())
        .put("nextDue", a.nextDue() == null ? null : a.nextDue().toString());
  }

  private static JsonObject residentVisits(ResidentVisits r) {
    JsonArray visits = new JsonArray();
    for (ResidentVisits.Past v : r.visits()) {
      visits.add(
          new JsonObject()
              .put("id", v.id())
              .put("visitedOn", v.visitedOn().toString())
              .put("dueOn", v.dueOn().toString())
              .put("onTime", v.onTime())
              .put("visitor", v.visitor())
              .put("type", v.type().code())
              .put("findings", v.findings())
              .put("followUp", v.followUp()));
    }
    return new JsonObject()
        .put("category", r.category() == null ? null : r.category().code())
        .put("riskLevel", r.riskLevel() == null ? null : r.riskLevel().code())
        .put("nextDue", r.nextDue() == null ? null : r.nextDue().toString())
        .put("visits", visits);
  }

  private static JsonObject task(Task t) {
    return new JsonObject()
        .put("residentId", t.residentId())
        .put("name", t.name())
        .put("address", t.address())
        .put("stationId", t.stationId())
        .put("category", t.category().code())
        .put("riskLevel", t.riskLevel().code())
        .put("dueOn", t.dueOn().toString())
        .put("status", t.status().code())
        .put("broughtForward", t.broughtForward())
        .put("lastVisit", t.lastVisit() == null ? null : t.lastVisit().toString());
  }

  private static JsonObject recorded(Recorded r) {
    return new JsonObject()
        .put("id", r.visitId())
        .put("residentId", r.residentId())
        .put("visitedOn", r.visitedOn().toString())
        .put("dueOn", r.dueOn().toString())
        .put("onTime", r.onTime())
        .put("nextDue", r.nextDue().toString());
  }

  private static JsonObject report(VisitReport r) {
    JsonArray stations = new JsonArray();
    for (VisitReport.StationFigures s : r.stations()) {
      stations.add(
          figures(s.figures()).put("id", s.id()).put("code", s.code()).put("name", s.name()));
    }
    return new JsonObject()
        .put("from", r.from().toString())
        .put("to", r.to().toString())
        .put("district", r.district() == null ? null : figures(r.district()))
        .put("stations", stations);
  }

  private static JsonObject figures(Coverage f) {
    return new JsonObject()
        .put("eligible", f.eligible())
        .put("planned", f.planned())
        .put("registrationPct", round(f.registrationPct()))
        .put("unassessed", f.unassessed())
        .put("due", f.due())
        .put("onTime", f.onTime())
        .put("coveragePct", round(f.coveragePct()));
  }

  private static Double round(Double v) {
    return v == null ? null : Math.round(v * 10) / 10.0;
  }
}

package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Optional;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.ResidentQueries;
import org.caregrid.dashboard.query.StationScope;
import org.caregrid.dashboard.store.NewResident;
import org.caregrid.dashboard.store.ResidentStore;

/**
 * {@code /residents}: search, enrol, detail, care plan, events and alert history. Station staff see
 * only residents with an alert routed to their station; any other answers 404.
 */
public final class ResidentsApi {
  private static final int MAX_PAGE = 500;
  private static final int MAX_EVENTS = 500;
  private static final int MAX_ALERTS = 500;
  private static final Duration DEFAULT_EVENTS = Duration.ofHours(24);

  private final ResidentQueries queries;
  private final ResidentStore residents;
  private final WorkerExecutor db;

  public ResidentsApi(ResidentQueries queries, ResidentStore residents, WorkerExecutor db) {
    this.queries = queries;
    this.residents = residents;
    this.db = db;
  }

  public void mount(Router api) {
    api.get("/residents").handler(this::list);
    api.post("/residents").handler(this::enrol);
    api.get("/residents/:id").handler(this::detail);
    api.put("/residents/:id/care-plan").handler(this::carePlan);
    api.get("/residents/:id/events").handler(this::events);
    api.get("/residents/:id/alerts").handler(this::alerts);
  }

  private void list(RoutingContext ctx) {
    StationScope scope = Visibility.of(Principal.of(ctx));
    String q = ctx.queryParams().get("q");
    int limit = ApiFailures.intParam(ctx, "limit", 50, 1, MAX_PAGE);
    int offset = ApiFailures.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    Blocking.answer(
        db,
        ctx,
        () -> queries.page(scope, q, limit, offset),
        page -> ctx.json(RegistryJson.page(page, RegistryJson::resident)));
  }

  private void detail(RoutingContext ctx) {
    StationScope scope = Visibility.of(Principal.of(ctx));
    int id = Params.id(ctx);
    Blocking.answer(
        db,
        ctx,
        () -> queries.detail(scope, id).map(RegistryJson::residentDetail),
        found -> Replies.found(ctx, 200, found));
  }

  private void enrol(RoutingContext ctx) {
    Principal who = Access.require(ctx, Access.PROGRAMME);
    if (who == null) {
      return;
    }
    JsonObject body = Params.body(ctx);
    NewResident resident = newResident(body);
    Blocking.answer(
        db,
        ctx,
        () -> residents.enrol(who, resident).map(RegistryJson::resident),
        created -> {
          if (created.isEmpty()) {
            ctx.fail(new ApiFailures.BadRequest("homeId: no such home"));
          } else {
            Replies.found(ctx, 201, created);
          }
        });
  }

  private void carePlan(RoutingContext ctx) {
    Principal who = Access.require(ctx, Access.PROGRAMME);
    if (who == null) {
      return;
    }
    int id = Params.id(ctx);
    if (!(Params.body(ctx).getValue("carePlan") instanceof JsonObject plan)) {
      throw new ApiFailures.BadRequest("carePlan must be a JSON object");
    }
    CarePlanCheck.check(plan);
    Blocking.answer(
        db,
        ctx,
        () -> residents.replaceCarePlan(who, id, plan).map(RegistryJson::resident),
        updated -> Replies.found(ctx, 200, updated));
  }

  private void events(RoutingContext ctx) {
    StationScope scope = Visibility.of(Principal.of(ctx));
    int id = Params.id(ctx);
    Instant to = Params.instant(ctx, "to", Instant.now());
    Instant from = Params.instant(ctx, "from", to.minus(DEFAULT_EVENTS));
    if (!from.isBefore(to)) {
      throw new ApiFailures.BadRequest("from must be before to");
    }
    int limit = ApiFailures.intParam(ctx, "limit", MAX_EVENTS, 1, MAX_EVENTS);
    Blocking.answer(
        db,
        ctx,
        () ->
            queries.isVisible(scope, id)
                ? Optional.of(RegistryJson.events(queries.events(id, from, to, limit)))
                : Optional.<JsonArray>empty(),
        found -> Replies.found(ctx, 200, found));
  }

  private void alerts(RoutingContext ctx) {
    StationScope scope = Visibility.of(Principal.of(ctx));
    int id = Params.id(ctx);
    int limit = ApiFailures.intParam(ctx, "limit", 100, 1, MAX_ALERTS);
    Blocking.answer(
        db,
        ctx,
        () ->
            queries.isVisible(scope, id)
                ? Optional.of(AlertJson.array(queries.alerts(id, scope, limit), AlertJson::of))
                : Optional.<JsonArray>empty(),
        found -> Replies.found(ctx, 200, found));
  }

  private static NewResident newResident(JsonObject body) {
    Integer birthYear = null;
    if (body.getValue("birthYear") != null) {
      birthYear = Params.integer(body, "birthYear");
      int now = Year.now(ZoneOffset.UTC).getValue();
      if (birthYear < 1900 || birthYear > now) {
        throw new ApiFailures.BadRequest("birthYear must be 1900.." + now);
      }
    }
    Object plan = body.getValue("carePlan");
    if (plan != null && !(plan instanceof JsonObject)) {
      throw new ApiFailures.BadRequest("carePlan must be a JSON object");
    }
    return new NewResident(
        Params.integer(body, "homeId"),
        Params.text(body, "name"),
        birthYear,
        Params.bool(body, "livesAlone"),
        Params.bool(body, "dementia"),
        Params.bool(body, "copdScale2"),
        plan == null ? new JsonObject() : CarePlanCheck.check((JsonObject) plan));
  }
}

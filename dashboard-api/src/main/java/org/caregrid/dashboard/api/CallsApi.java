package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.caregrid.dashboard.api.ApiFailures.Refused;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.care.CallLog;
import org.caregrid.dashboard.care.DoorCodes;
import org.caregrid.dashboard.care.Handovers;
import org.caregrid.dashboard.care.NewCall;
import org.caregrid.dashboard.query.StationScope;

/**
 * {@code /alerts/{id}/calls}, {@code /alerts/{id}/handover} and {@code /alerts/{id}/door-code}:
 * whom staff called and how it went, the card they hand to 120, and the key safe code for those
 * responding. Everyone who sees the alert sees its calls and card.
 */
public final class CallsApi {
  private final CallLog calls;
  private final Handovers handovers;
  private final DoorCodes doorCodes;
  private final WorkerExecutor db;

  public CallsApi(CallLog calls, Handovers handovers, DoorCodes doorCodes, WorkerExecutor db) {
    this.calls = calls;
    this.handovers = handovers;
    this.doorCodes = doorCodes;
    this.db = db;
  }

  public void mount(Router api) {
    api.get("/alerts/:id/calls").handler(this::list);
    api.post("/alerts/:id/calls").handler(this::log);
    api.get("/alerts/:id/handover").handler(this::handover);
    api.post("/alerts/:id/door-code").handler(this::doorCode);
  }

  private void list(RoutingContext ctx) {
    long id = AlertsApi.alertId(ctx);
    StationScope viewer = Visibility.of(Principal.of(ctx));
    Blocking.answer(
        db,
        ctx,
        () -> calls.list(id, viewer).map(CareJson::calls),
        found -> Replies.found(ctx, 200, found));
  }

  private void log(RoutingContext ctx) {
    Principal who = Principal.of(ctx);
    if (who.role() == StaffRole.PROGRAMME_ADMIN) {
      throw new Refused(403, "programme staff do not act on alerts");
    }
    long id = AlertsApi.alertId(ctx);
    NewCall call = CareInput.call(Params.body(ctx));
    Blocking.answer(
        db,
        ctx,
        () -> calls.log(who, id, Visibility.of(who), call),
        result -> {
          switch (result.outcome()) {
            case DONE ->
                ctx.response()
                    .setStatusCode(201)
                    .putHeader("Content-Type", "application/json")
                    .end(CareJson.call(result.call()).encode());
            case NOT_FOUND -> ctx.fail(new Refused(404, "no alert " + id));
            case CLOSED -> ctx.fail(new Refused(409, "alert " + id + " is closed"));
          }
        });
  }

  private void handover(RoutingContext ctx) {
    Principal who = Principal.of(ctx);
    long id = AlertsApi.alertId(ctx);
    Blocking.answer(
        db,
        ctx,
        () -> handovers.card(who, id, Visibility.of(who)).map(CareJson::handover),
        found -> Replies.found(ctx, 200, found));
  }

  private void doorCode(RoutingContext ctx) {
    Principal who = Principal.of(ctx);
    long id = AlertsApi.alertId(ctx);
    Blocking.answer(
        db,
        ctx,
        () -> doorCodes.show(who, id, Visibility.of(who)),
        result -> {
          switch (result.outcome()) {
            case SHOWN -> ctx.json(new JsonObject().put("code", result.code()));
            case NOT_FOUND -> ctx.fail(new Refused(404, "no alert " + id));
            case NOT_RESPONDING ->
                ctx.fail(
                    new Refused(
                        403, "the door code is shown only on an alert your station has accepted"));
            case NONE -> ctx.fail(new Refused(404, "no key safe code on record"));
          }
        });
  }
}

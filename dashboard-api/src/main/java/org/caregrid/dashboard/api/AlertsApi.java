package org.caregrid.dashboard.api;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertCommand;
import org.caregrid.core.alert.AlertCommand.Action;
import org.caregrid.core.alert.Outcome;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.bus.Addresses;
import org.caregrid.dashboard.api.ApiFailures.BadRequest;
import org.caregrid.dashboard.api.ApiFailures.Refused;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.query.AlertCursor;
import org.caregrid.dashboard.query.AlertDetailQueries;
import org.caregrid.dashboard.query.AlertFilter;
import org.caregrid.dashboard.query.AlertQueries;
import org.caregrid.dashboard.query.AlertView;
import org.caregrid.dashboard.query.StationScope;

/**
 * {@code /api/v1/alerts}: lists and details scoped to what the user may see, and staff actions,
 * which alerting carries out ({@code AlertCommand} on the bus) and records, with who did it, in
 * {@code alert_event}.
 */
public final class AlertsApi {
  private static final int MAX_LIMIT = 500;
  private static final int MAX_NOTE = 2_000;
  private static final DeliveryOptions COMMAND = new DeliveryOptions().setSendTimeout(10_000);

  private final AlertQueries queries;
  private final AlertDetailQueries details;
  private final WorkerExecutor db;
  private final EventBus bus;

  public AlertsApi(
      AlertQueries queries, AlertDetailQueries details, WorkerExecutor db, EventBus bus) {
    this.queries = queries;
    this.details = details;
    this.db = db;
    this.bus = bus;
  }

  public void mount(Router api) {
    api.get("/alerts").handler(this::list);
    api.get("/alerts/:id").handler(this::detail);
    api.post("/alerts/:id/accept").handler(ctx -> act(ctx, Action.ACCEPT, null, null));
    api.post("/alerts/:id/on-site").handler(ctx -> act(ctx, Action.ON_SITE, null, null));
    api.post("/alerts/:id/resolve").handler(this::resolve);
    api.post("/alerts/:id/notes").handler(this::note);
  }

  private void list(RoutingContext ctx) {
    AlertFilter filter = filter(ctx);
    StationScope viewer = Visibility.of(Principal.of(ctx));
    Blocking.answer(
        db,
        ctx,
        () -> queries.list(filter, viewer),
        page ->
            ctx.json(
                new JsonObject()
                    .put("items", AlertJson.array(page.items(), AlertJson::of))
                    .put("nextCursor", page.nextCursor())));
  }

  private void detail(RoutingContext ctx) {
    long id = alertId(ctx);
    StationScope viewer = Visibility.of(Principal.of(ctx));
    Blocking.answer(
        db,
        ctx,
        () -> details.detail(id, viewer),
        found ->
            found.ifPresentOrElse(
                d -> ctx.json(AlertJson.detail(d)), () -> ctx.fail(notFound(id))));
  }

  private void resolve(RoutingContext ctx) {
    JsonObject body = ApiFailures.jsonBody(ctx);
    Outcome outcome = outcome(body.getValue("outcome"));
    // Nobody was helped: the record has to say why, or a slip closes a real alarm unexplained.
    boolean explain = outcome == Outcome.FALSE_ALARM || outcome == Outcome.NO_ACCESS;
    if (explain && isBlank(body.getValue("note"))) {
      throw new BadRequest("a note is required when the outcome is " + outcome.code());
    }
    act(ctx, Action.RESOLVE, outcome, note(body, false));
  }

  private void note(RoutingContext ctx) {
    act(ctx, Action.NOTE, null, note(ApiFailures.jsonBody(ctx), true));
  }

  private void act(RoutingContext ctx, Action action, Outcome outcome, String note) {
    Principal who = Principal.of(ctx);
    if (who.role() == StaffRole.PROGRAMME_ADMIN) {
      throw new Refused(403, "programme staff do not act on alerts");
    }
    long id = alertId(ctx);
    AlertCommand command =
        new AlertCommand(action, id, who.login(), who.commandStationKey(), outcome, note);
    // Alerting records who did it (alert_event) in the transaction that does it; nothing here
    // writes a second record that a crash could separate from the first (decision 0020).
    bus.<AlertChange>request(Addresses.ALERT_COMMANDS, command, COMMAND)
        .map(Message::body)
        .recover(e -> Future.failedFuture(refusal(e)))
        .compose(changed -> db.executeBlocking(() -> readBack(id), false))
        .onSuccess(alert -> ctx.json(AlertJson.of(alert)))
        .onFailure(ctx::fail);
  }

  /** The alert as the actor's action left it; the actor could act on it, so may see it. */
  private AlertView readBack(long id) throws SQLException {
    return queries
        .one(id, StationScope.ALL)
        .orElseThrow(() -> new SQLException("alert " + id + " vanished after an action"));
  }

  /** Alerting answers 404 (unknown, or not routed to the actor's station) and 409 (wrong state). */
  private static Throwable refusal(Throwable e) {
    if (!(e instanceof ReplyException reply)) {
      return e;
    }
    return switch (reply.failureType()) {
      case RECIPIENT_FAILURE ->
          reply.failureCode() == 404 || reply.failureCode() == 409
              ? new Refused(reply.failureCode(), reply.getMessage())
              : e;
      case NO_HANDLERS, TIMEOUT -> new Refused(503, "alerting is not answering; try again");
      default -> e;
    };
  }

  private static AlertFilter filter(RoutingContext ctx) {
    String state = query(ctx, "state");
    try {
      return new AlertFilter(
          state == null ? AlertFilter.OPEN : state,
          severities(query(ctx, "severity")),
          station(query(ctx, "station")),
          Params.instant(ctx, "from", null),
          Params.instant(ctx, "to", null),
          ApiFailures.intParam(ctx, "limit", 100, 1, MAX_LIMIT),
          cursor(query(ctx, "cursor")));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(
          AlertFilter.isState(state == null ? AlertFilter.OPEN : state)
              ? "cursor: " + e.getMessage()
              : "state must be open, closed, all or one state");
    }
  }

  private static List<String> severities(String raw) {
    List<String> codes = new ArrayList<>();
    if (raw == null || raw.isBlank()) {
      return codes;
    }
    for (String code : raw.split(",")) {
      try {
        codes.add(Severity.fromCode(code.trim()).code());
      } catch (IllegalArgumentException e) {
        throw new BadRequest("severity must be a comma list of critical, high, medium, low");
      }
    }
    return codes;
  }

  private static Integer station(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return Integer.valueOf(raw);
    } catch (NumberFormatException e) {
      throw new BadRequest("station must be a station id");
    }
  }

  private static AlertCursor cursor(String raw) {
    try {
      return raw == null ? null : AlertCursor.decode(raw);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("cursor must be a nextCursor from a previous page");
    }
  }

  private static Outcome outcome(Object raw) {
    if (raw instanceof String code) {
      try {
        Outcome o = Outcome.fromCode(code);
        // Only alerting resolves as restored, when a cause went away by itself.
        if (o != Outcome.RESTORED) {
          return o;
        }
      } catch (IllegalArgumentException e) {
        // falls through to the one message below
      }
    }
    throw new BadRequest(
        "outcome must be one of assisted, false_alarm, hospital_transfer, no_access, other");
  }

  private static String note(JsonObject body, boolean required) {
    Object raw = body.getValue("note");
    if (raw == null && !required) {
      return null;
    }
    if (!(raw instanceof String text) || text.isBlank()) {
      throw new BadRequest("note must be a non-empty string");
    }
    if (text.length() > MAX_NOTE) {
      throw new BadRequest("note must be at most " + MAX_NOTE + " characters");
    }
    return text;
  }

  private static boolean isBlank(Object raw) {
    return !(raw instanceof String text) || text.isBlank();
  }

  private static String query(RoutingContext ctx, String name) {
    return ctx.queryParams().get(name);
  }

  /** The alert id of the path; 404 for one that is not a number, as for an alert not found. */
  static long alertId(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new Refused(404, "no alert " + ctx.pathParam("id"));
    }
  }

  private static Refused notFound(long id) {
    return new Refused(404, "no alert " + id);
  }
}

package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.tier.QueueQueries;
import org.caregrid.dashboard.tier.TierJson;
import org.caregrid.dashboard.tier.TierQueries;
import org.caregrid.dashboard.tier.TierScope;
import org.caregrid.dashboard.tier.TierTree;
import org.caregrid.dashboard.tier.TierUnit;

/**
 * The tier views: {@code GET /reports/tiers} (the programme's figures for one unit and the units
 * below it) and {@code GET /queue/tiers} (its open alerts counted, and a community's list). {@code
 * unit} drills down by station code; without it the user's own top unit. Every user sees the units
 * under their station (all of them without one); any other unit answers 404, as if it did not
 * exist.
 */
public final class TiersApi {
  private static final int LONGEST_RANGE_DAYS = 3660;

  private final TierQueries reports;
  private final QueueQueries queue;
  private final WorkerExecutor db;

  public TiersApi(TierQueries reports, QueueQueries queue, WorkerExecutor db) {
    this.reports = reports;
    this.queue = queue;
    this.db = db;
  }

  public void mount(Router api) {
    api.get("/reports/tiers").handler(this::report);
    api.get("/queue/tiers").handler(this::queue);
  }

  private static Principal reader(RoutingContext ctx) {
    Principal who = Principal.of(ctx);
    if (who.role() == StaffRole.FAMILY_DOCTOR || who.role() == StaffRole.CITY_PLATFORM) {
      throw new ApiFailures.Refused(403, "the tier views are for staff and kiosks");
    }
    return who;
  }

  private void report(RoutingContext ctx) {
    Principal who = reader(ctx);
    LocalDate from = Params.date(ctx, "from");
    LocalDate to = Params.date(ctx, "to");
    if (to.isBefore(from) || to.toEpochDay() - from.toEpochDay() >= LONGEST_RANGE_DAYS) {
      throw new ApiFailures.BadRequest(
          "to must be on or after from, and at most " + LONGEST_RANGE_DAYS + " days later");
    }
    String code = ctx.queryParams().get("unit");
    Blocking.answer(
        db,
        ctx,
        () -> {
          var report = reports.report(from, to);
          return visible(report.tree(), who, code)
              .map(v -> TierJson.report(report, v.unit(), v.scope()));
        },
        found -> found.ifPresentOrElse(ctx::json, () -> ctx.fail(notFound(code))));
  }

  private void queue(RoutingContext ctx) {
    Principal who = reader(ctx);
    String code = ctx.queryParams().get("unit");
    Blocking.answer(
        db,
        ctx,
        () -> {
          QueueQueries.Queue counts = queue.counts();
          Optional<Visible> v = visible(counts.tree(), who, code);
          if (v.isEmpty()) {
            return Optional.<io.vertx.core.json.JsonObject>empty();
          }
          TierUnit unit = v.get().unit();
          List<QueueQueries.OpenAlert> alerts =
              "community".equals(unit.tier()) ? queue.inCommunity(unit.id()) : List.of();
          return Optional.of(TierJson.queue(counts, unit, v.get().scope(), alerts));
        },
        found -> found.ifPresentOrElse(ctx::json, () -> ctx.fail(notFound(code))));
  }

  private record Visible(TierUnit unit, TierScope scope) {}

  /** The unit asked for (the scope's top without a code) if the user may see it. */
  private static Optional<Visible> visible(TierTree tree, Principal who, String code) {
    TierScope scope = TierScope.of(who, tree);
    if (scope == null) {
      return Optional.empty();
    }
    Optional<TierUnit> unit = code == null ? Optional.of(scope.top()) : tree.byCode(code);
    return unit.filter(u -> scope.sees(u.id())).map(u -> new Visible(u, scope));
  }

  private static ApiFailures.Refused notFound(String code) {
    return new ApiFailures.Refused(404, code == null ? "no units" : "no unit " + code);
  }
}

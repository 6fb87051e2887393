package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.KpiQueries;
import org.caregrid.dashboard.query.StationScope;
import org.caregrid.dashboard.report.ProgrammeReport;
import org.caregrid.dashboard.report.ReportCsv;
import org.caregrid.dashboard.visit.VisitQueries;
import org.caregrid.dashboard.visit.VisitReport;

/**
 * {@code GET /reports/programme}: the programme's indicators for a range of days, as JSON or, with
 * {@code format=csv} or {@code Accept: text/csv}, as CSV. The CSV also carries the visit figures of
 * the same days ({@code GET /reports/visits} in JSON), so one file serves the programme review.
 */
public final class ReportsApi {
  /** Ten years of days: enough for any programme review, and bounded. */
  private static final int LONGEST_RANGE_DAYS = 3660;

  private final KpiQueries queries;
  private final VisitQueries visits;
  private final WorkerExecutor db;

  public ReportsApi(KpiQueries queries, VisitQueries visits, WorkerExecutor db) {
    this.queries = queries;
    this.visits = visits;
    this.db = db;
  }

  public void mount(Router api) {
    api.get("/reports/programme").handler(this::programme);
  }

  private void programme(RoutingContext ctx) {
    if (Access.require(ctx, Access.DISTRICT) == null) {
      return;
    }
    LocalDate from = Params.date(ctx, "from");
    LocalDate to = Params.date(ctx, "to");
    if (to.isBefore(from) || to.toEpochDay() - from.toEpochDay() >= LONGEST_RANGE_DAYS) {
      throw new ApiFailures.BadRequest(
          "to must be on or after from, and at most " + LONGEST_RANGE_DAYS + " days later");
    }
    int aloneDays = ApiFailures.intParam(ctx, "aloneDays", 3, 1, 365);
    String format = ctx.queryParams().get("format");
    if (format != null && !format.equals("csv") && !format.equals("json")) {
      throw new ApiFailures.BadRequest("format must be json or csv");
    }
    String lang = ctx.queryParams().get("lang");
    if (lang != null && !lang.equals("zh") && !lang.equals("en")) {
      throw new ApiFailures.BadRequest("lang must be zh or en");
    }
    String accept = ctx.request().getHeader("Accept");
    boolean csv =
        "csv".equals(format) || (format == null && accept != null && accept.contains("text/csv"));
    if (!csv) {
      Blocking.answer(
          db, ctx, () -> queries.programme(from, to, aloneDays), r -> ctx.json(r.toJson()));
      return;
    }
    StationScope scope = Visibility.of(Principal.of(ctx));
    Blocking.answer(
        db,
        ctx,
        () -> new Both(queries.programme(from, to, aloneDays), visits.report(scope, from, to)),
        both ->
            ctx.response()
                .putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader(
                    "Content-Disposition",
                    "attachment; filename=\"programme-" + from + "-" + to + ".csv\"")
                .end(ReportCsv.of(both.programme(), both.visits(), "zh".equals(lang))));
  }

  private record Both(ProgrammeReport programme, VisitReport visits) {}
}

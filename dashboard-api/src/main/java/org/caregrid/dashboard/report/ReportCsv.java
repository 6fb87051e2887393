package org.caregrid.dashboard.report;

import java.util.Map;
import org.caregrid.dashboard.visit.Coverage;
import org.caregrid.dashboard.visit.VisitReport;

/**
 * The programme report as CSV, one indicator a row ({@code section,name,value,target}), so that it
 * opens in a spreadsheet without nesting. Residents without activity are one row each; the visit
 * figures (建档率, coverage) for the district and each community station follow. It starts with a
 * UTF-8 byte order mark: without it Excel on Chinese Windows reads the names as GBK.
 */
public final class ReportCsv {
  private ReportCsv() {}

  private static final String BOM = "\uFEFF";

  /**
   * @param chinese whether the column headings and the words in cells are in Chinese; the section
   *     and indicator keys stay as they are, for formulas that look them up
   */
  public static String of(ProgrammeReport r, VisitReport visits, boolean chinese) {
    Csv csv =
        chinese
            ? new Csv().row("类别", "指标", "数值", "目标")
            : new Csv().row("section", "name", "value", "target");
    csv.row("range", "from", r.from(), null)
        .row("range", "to", r.to(), null)
        .row("beds", "enrolled", r.bedsEnrolled(), ProgrammeReport.round(r.bedsTarget()))
        .row("devices", "online_pct", ProgrammeReport.round(r.devicesOnlinePct()), null);
    for (Map.Entry<String, Long> e : r.alertsByKind().entrySet()) {
      csv.row("alerts_by_kind", e.getKey(), e.getValue(), null);
    }
    ProgrammeReport.Response accept = r.timeToAccept();
    response(csv, "time_to_accept", accept)
        .row(
            "time_to_accept",
            "within_60s_pct",
            ProgrammeReport.within(accept, Targets.ACCEPT_FAST.toSeconds()),
            Targets.ACCEPT_FAST_PCT)
        .row(
            "time_to_accept",
            "within_180s_pct",
            ProgrammeReport.within(accept, Targets.ACCEPT_SLOW.toSeconds()),
            Targets.ACCEPT_SLOW_PCT);
    ProgrammeReport.Response onSite = r.timeToOnSite();
    response(csv, "time_to_on_site", onSite)
        .row(
            "time_to_on_site",
            "within_15min_pct",
            ProgrammeReport.within(onSite, Targets.ON_SITE.toSeconds()),
            null);
    csv.row("alone_without_activity", "days", r.aloneDays(), null);
    for (ProgrammeReport.Quiet q : r.aloneWithoutActivity()) {
      csv.row(
          "alone_without_activity",
          q.name() + " (" + q.residentId() + ")",
          q.lastActivity() == null ? (chinese ? "暂无数据" : "no data yet") : q.lastActivity(),
          null);
    }
    if (visits.district() != null) {
      coverage(csv, "visits", "", visits.district());
    }
    for (VisitReport.StationFigures s : visits.stations()) {
      coverage(csv, "visits_by_station", s.code() + " ", s.figures());
    }
    return BOM + csv;
  }

  private static void coverage(Csv csv, String section, String prefix, Coverage c) {
    csv.row(section, prefix + "eligible", c.eligible(), null)
        .row(section, prefix + "planned", c.planned(), null)
        .row(section, prefix + "registration_pct", ProgrammeReport.round(c.registrationPct()), null)
        .row(section, prefix + "due", c.due(), null)
        .row(section, prefix + "on_time", c.onTime(), null)
        .row(section, prefix + "coverage_pct", ProgrammeReport.round(c.coveragePct()), null);
  }

  private static Csv response(Csv csv, String section, ProgrammeReport.Response r) {
    return csv.row(section, "n", r.n(), null)
        .row(section, "p50_seconds", ProgrammeReport.round(r.p50Seconds()), null)
        .row(section, "p90_seconds", ProgrammeReport.round(r.p90Seconds()), null);
  }
}

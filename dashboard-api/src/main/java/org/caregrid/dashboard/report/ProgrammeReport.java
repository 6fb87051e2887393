package org.caregrid.dashboard.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The programme's indicators over a range of days (UTC), as {@code GET /reports/programme} shows
 * them.
 *
 * @param bedsEnrolled care beds enrolled in the range
 * @param devicesOnlinePct active devices online when the report was made; null with no devices
 * @param alertsByKind alerts raised in the range, by kind
 * @param aloneDays how many days without activity or visit put a resident living alone on the list
 */
public record ProgrammeReport(
    LocalDate from,
    LocalDate to,
    long bedsEnrolled,
    Double devicesOnlinePct,
    Map<String, Long> alertsByKind,
    Response timeToAccept,
    Response timeToOnSite,
    int aloneDays,
    List<Quiet> aloneWithoutActivity) {

  /**
   * How fast alerts raised in the range were answered.
   *
   * @param n how many were measured
   * @param p50Seconds null when none were
   * @param withinPct for each time limit in seconds, the share answered within it (null when none)
   */
  public record Response(
      long n, Double p50Seconds, Double p90Seconds, Map<Long, Double> withinPct) {}

  /**
   * A resident living alone with no activity and no visit in the last {@code aloneDays} days.
   *
   * @param lastActivity null when there was none in the 90 days before the end
   */
  public record Quiet(int residentId, String name, Instant lastActivity) {}

  public double bedsTarget() {
    return Targets.bedsFor(from, to);
  }

  public JsonObject toJson() {
    JsonObject kinds = new JsonObject();
    alertsByKind.forEach(kinds::put);
    // never seen is not inactive: residents without any activity yet are listed apart
    JsonArray quiet = new JsonArray();
    JsonArray noDataYet = new JsonArray();
    for (Quiet q : aloneWithoutActivity) {
      if (q.lastActivity() == null) {
        noDataYet.add(new JsonObject().put("id", q.residentId()).put("name", q.name()));
      } else {
        quiet.add(
            new JsonObject()
                .put("id", q.residentId())
                .put("name", q.name())
                .put("lastActivity", q.lastActivity().toString()));
      }
    }
    return new JsonObject()
        .put("from", from.toString())
        .put("to", to.toString())
        .put("bedsEnrolled", bedsEnrolled)
        .put("bedsTarget", round(bedsTarget()))
        .put("bedsTargetYears", Targets.bedsForYears(from, to))
        .put("devicesOnlinePct", round(devicesOnlinePct))
        .put("alertsByKind", kinds)
        .put(
            "timeToAccept",
            common(timeToAccept)
                .put("within60sPct", within(timeToAccept, Targets.ACCEPT_FAST.toSeconds()))
                .put("within180sPct", within(timeToAccept, Targets.ACCEPT_SLOW.toSeconds()))
                .put("target60sPct", Targets.ACCEPT_FAST_PCT)
                .put("target180sPct", Targets.ACCEPT_SLOW_PCT))
        .put(
            "timeToOnSite",
            common(timeToOnSite)
                .put("within15minPct", within(timeToOnSite, Targets.ON_SITE.toSeconds())))
        .put(
            "residentsAloneWithoutActivity",
            new JsonObject()
                .put("days", aloneDays)
                .put("residents", quiet)
                .put("noDataYet", noDataYet));
  }

  private static JsonObject common(Response r) {
    return new JsonObject()
        .put("n", r.n())
        .put("p50Seconds", round(r.p50Seconds()))
        .put("p90Seconds", round(r.p90Seconds()));
  }

  static Double within(Response r, long seconds) {
    return round(r.withinPct().get(seconds));
  }

  /** Two decimals: shares and seconds are not known better than that. */
  static Double round(Double v) {
    return v == null ? null : Math.round(v * 100) / 100.0;
  }
}

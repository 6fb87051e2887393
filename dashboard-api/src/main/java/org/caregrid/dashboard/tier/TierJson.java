package org.caregrid.dashboard.tier;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.caregrid.dashboard.report.Targets;

/** The JSON of the tier views, as the OpenAPI document describes it ({@code TierReport}, ...). */
public final class TierJson {
  private TierJson() {}

  /** A unit's name and place: code, name, tier. */
  public static JsonObject unit(TierUnit u) {
    return new JsonObject().put("code", u.code()).put("name", u.name()).put("tier", u.tier());
  }

  /** The unit's figures and its children's, with the way down to it from the scope's top. */
  public static JsonObject report(TierReport report, TierUnit unit, TierScope scope) {
    JsonArray children = new JsonArray();
    for (TierUnit child : report.tree().children(unit.id())) {
      TierFigures f = report.figures().get(child.id());
      if (f != null && scope.sees(child.id())) {
        children.add(figures(unit(child), f));
      }
    }
    return new JsonObject()
        .put("from", report.from().toString())
        .put("to", report.to().toString())
        .put("path", path(report.tree(), unit, scope))
        .put("unit", figures(unit(unit), report.figures().get(unit.id())))
        .put("children", children);
  }

  /** The unit's open alerts counted, its children's, and a community's list. */
  public static JsonObject queue(
      QueueQueries.Queue queue,
      TierUnit unit,
      TierScope scope,
      List<QueueQueries.OpenAlert> alerts) {
    JsonArray children = new JsonArray();
    for (TierUnit child : queue.tree().children(unit.id())) {
      if (scope.sees(child.id())) {
        children.add(counts(unit(child), queue.of(child.id())));
      }
    }
    JsonArray items = new JsonArray();
    for (QueueQueries.OpenAlert a : alerts) {
      items.add(
          new JsonObject()
              .put("id", a.id())
              .put("kind", a.kind())
              .put("severity", a.severity())
              .put("state", a.state())
              .put("raisedAt", a.raisedAt().toString())
              .put("acceptedAt", a.acceptedAt() == null ? null : a.acceptedAt().toString())
              .put("step", a.step())
              .put("station", a.station())
              .put("tier", a.tier()));
    }
    return new JsonObject()
        .put("path", path(queue.tree(), unit, scope))
        .put("unit", counts(unit(unit), queue.of(unit.id())))
        .put("children", children)
        .put("alerts", items);
  }

  private static JsonArray path(TierTree tree, TierUnit unit, TierScope scope) {
    JsonArray path = new JsonArray();
    for (TierUnit u : tree.path(unit.id())) {
      if (scope.sees(u.id())) {
        path.add(unit(u));
      }
    }
    return path;
  }

  static JsonObject counts(JsonObject unit, QueueQueries.Counts c) {
    JsonObject severity = new JsonObject();
    for (String s : List.of("critical", "high", "medium", "low")) {
      severity.put(s, c.bySeverity().getOrDefault(s, 0L));
    }
    JsonObject standing = new JsonObject();
    for (String s : List.of("waiting", "accepted", "on_site")) {
      standing.put(s, c.byStanding().getOrDefault(s, 0L));
    }
    return unit.put("open", c.total()).put("bySeverity", severity).put("byStanding", standing);
  }

  /** The unit's object with its figures added. */
  public static JsonObject figures(JsonObject unit, TierFigures f) {
    JsonObject kinds = new JsonObject();
    f.alertsByKind().forEach(kinds::put);
    return unit.put(
            "beds",
            new JsonObject()
                .put("enrolled", f.bedsEnrolled())
                .put("target", round(f.bedsTarget()))
                .put("targetOwn", f.bedsTargetOwn()))
        .put(
            "devices",
            new JsonObject()
                .put("online", f.devicesOnline())
                .put("active", f.devicesActive())
                .put(
                    "onlinePct",
                    f.devicesActive() == 0
                        ? null
                        : round(100.0 * f.devicesOnline() / f.devicesActive())))
        .put("alertsByKind", kinds)
        .put(
            "timeToAccept",
            answer(f.timeToAccept())
                .put("within60sPct", round(f.timeToAccept().withinPct().get(60L)))
                .put("within180sPct", round(f.timeToAccept().withinPct().get(180L)))
                .put("target60sPct", Targets.ACCEPT_FAST_PCT)
                .put("target180sPct", Targets.ACCEPT_SLOW_PCT))
        .put(
            "arrival",
            answer(f.timeToOnSite())
                .put(
                    "within15minPct",
                    round(f.timeToOnSite().withinPct().get(Targets.ON_SITE.toSeconds()))))
        .put(
            "visitCoverage",
            new JsonObject()
                .put("recorded", f.visitCoverage() != null)
                .put("pct", round(f.visitCoverage())));
  }

  private static JsonObject answer(Answer a) {
    return new JsonObject()
        .put("n", a.n())
        .put("p50Seconds", round(a.p50Seconds()))
        .put("p90Seconds", round(a.p90Seconds()));
  }

  /** Two decimals: shares and seconds are not known better than that. */
  static Double round(Double v) {
    return v == null ? null : Math.round(v * 100) / 100.0;
  }
}

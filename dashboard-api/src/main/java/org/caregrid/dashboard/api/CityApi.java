package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.city.CityFeed;
import org.caregrid.dashboard.city.CityJson;
import org.caregrid.dashboard.city.CityRecord;
import org.caregrid.dashboard.tier.TierQueries;
import org.caregrid.dashboard.tier.TierScope;
import org.caregrid.dashboard.tier.TierTree;
import org.caregrid.dashboard.tier.TierUnit;

/**
 * The city platform's pull API, read-only: {@code GET /tier/units} (the units it may see) and
 * {@code GET /tier/records?after=&limit=&type=} (the feed's records after a sequence number, the
 * same JSON the push sends). The city platform's account reads with a bearer token; an account
 * limited to a station sees that station's units only. District and programme staff may read it
 * too, to check what the city gets.
 */
public final class CityApi {
  private static final Set<StaffRole> READERS =
      Set.of(StaffRole.CITY_PLATFORM, StaffRole.DISTRICT_ADMIN, StaffRole.PROGRAMME_ADMIN);
  private static final int MAX_LIMIT = 1000;

  private final CityFeed feed;
  private final CityJson json;
  private final TierQueries tiers;
  private final WorkerExecutor db;

  public CityApi(CityFeed feed, CityJson json, TierQueries tiers, WorkerExecutor db) {
    this.feed = feed;
    this.json = json;
    this.tiers = tiers;
    this.db = db;
  }

  public void mount(Router api) {
    api.get("/tier/units").handler(this::units);
    api.get("/tier/records").handler(this::records);
  }

  private static Principal reader(RoutingContext ctx) {
    Principal who = Principal.of(ctx);
    if (!READERS.contains(who.role())) {
      ctx.fail(403);
      return null;
    }
    return who;
  }

  private void units(RoutingContext ctx) {
    Principal who = reader(ctx);
    if (who == null) {
      return;
    }
    db.executeBlocking(
            () -> {
              TierTree tree = tiers.tree();
              TierScope scope = TierScope.of(who, tree);
              JsonArray units = new JsonArray();
              if (scope != null) {
                for (int id : scope.units()) {
                  TierUnit u = tree.unit(id).orElseThrow();
                  units.add(
                      new JsonObject()
                          .put("code", u.code())
                          .put("name", u.name())
                          .put("tier", u.tier())
                          .put(
                              "parent",
                              u.parentId() == null || !scope.sees(u.parentId())
                                  ? null
                                  : tree.unit(u.parentId()).map(TierUnit::code).orElse(null)));
                }
              }
              return new JsonObject().put("schema", CityJson.SCHEMA).put("units", units);
            },
            false)
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void records(RoutingContext ctx) {
    Principal who = reader(ctx);
    if (who == null) {
      return;
    }
    long after = longParam(ctx, "after", 0);
    int limit = (int) longParam(ctx, "limit", 100);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ApiFailures.BadRequest("limit must be 1.." + MAX_LIMIT);
    }
    String type = ctx.queryParams().get("type");
    if (type != null
        && !type.equals(CityRecord.ALERT_CHANGE)
        && !type.equals(CityRecord.DAILY_INDICATORS)) {
      throw new ApiFailures.BadRequest("type must be alert_change or daily_indicators");
    }
    db.executeBlocking(
            () -> {
              Set<Integer> units = null;
              if (who.stationId() != null) {
                TierScope scope = TierScope.of(who, tiers.tree());
                units = scope == null ? Set.of() : scope.units();
              }
              List<CityRecord> page = feed.page(units, type, after, limit);
              JsonArray items = new JsonArray();
              page.forEach(r -> items.add(json.of(r)));
              Long next = page.size() == limit ? page.get(page.size() - 1).seq() : null;
              long last = page.isEmpty() ? after : page.get(page.size() - 1).seq();
              return new JsonObject()
                  .put("schema", CityJson.SCHEMA)
                  .put("items", items)
                  .put("after", last)
                  .put("more", next != null);
            },
            false)
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private static long longParam(RoutingContext ctx, String name, long fallback) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return fallback;
    }
    try {
      long v = Long.parseLong(raw);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ApiFailures.BadRequest(name + " must be a whole number, 0 or more");
    }
  }
}

package org.caregrid.dashboard.city;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.caregrid.dashboard.tier.TierFigures;
import org.caregrid.dashboard.tier.TierJson;
import org.caregrid.dashboard.tier.TierQueries;
import org.caregrid.dashboard.tier.TierReport;
import org.caregrid.dashboard.tier.TierUnit;

/**
 * A closed day's indicators for the city, one record per unit (district, streets, communities), the
 * same figures as the tier report for that one (UTC) day. Stored once per unit and day, whichever
 * node gets there first. Blocking.
 */
public final class DailyIndicators {
  /** After an outage, days further back than this are not made up. */
  static final int CATCH_UP_DAYS = 7;

  private final TierQueries tiers;
  private final CityFeed feed;

  public DailyIndicators(TierQueries tiers, CityFeed feed) {
    this.tiers = tiers;
    this.feed = feed;
  }

  /** Stores every closed day up to {@code yesterday} that is not stored yet; returns how many. */
  public int catchUp(LocalDate yesterday) throws SQLException {
    LocalDate first = yesterday.minusDays(CATCH_UP_DAYS - 1L);
    LocalDate last = feed.lastDay().orElse(null);
    if (last != null && !last.isBefore(first)) {
      first = last.plusDays(1);
    }
    int days = 0;
    for (LocalDate d = first; !d.isAfter(yesterday); d = d.plusDays(1)) {
      store(d);
      days++;
    }
    return days;
  }

  /** Stores the day's records (nothing when they are there already). */
  public void store(LocalDate day) throws SQLException {
    TierReport report = tiers.report(day, day);
    Map<Integer, JsonObject> byUnit = new HashMap<>();
    Map<Integer, String> codes = new HashMap<>();
    for (Map.Entry<Integer, TierFigures> e : report.figures().entrySet()) {
      TierUnit unit = report.tree().unit(e.getKey()).orElseThrow();
      byUnit.put(unit.id(), TierJson.figures(TierJson.unit(unit), e.getValue()));
      codes.put(unit.id(), unit.code());
    }
    if (!byUnit.isEmpty()) {
      feed.daily(day, byUnit, codes);
    }
  }
}

package org.caregrid.dashboard.shift;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The station's visits due today or overdue by their plan, most overdue first, as the resident's id
 * and the day (in the home's time zone). A visit brought forward by silence is on the visits tab
 * and not here: that is decided from readings at the moment the tab is read, not kept.
 */
public final class VisitsDueSection implements HandoverSection {
  private static final String DUE =
      "SELECT p.resident_id, p.next_due, p.next_due < (now() AT TIME ZONE h.time_zone)::date"
          + " AS overdue FROM visit_plan p JOIN resident r ON r.id = p.resident_id"
          + " JOIN home h ON h.id = r.home_id"
          + " WHERE p.station_id = ? AND p.next_due <= (now() AT TIME ZONE h.time_zone)::date"
          + " ORDER BY p.next_due, p.resident_id";

  @Override
  public String name() {
    return "visitsDue";
  }

  @Override
  public JsonArray collect(Connection c, int stationId) throws SQLException {
    return HandoverSection.rows(
        c,
        DUE,
        stationId,
        rs ->
            new JsonObject()
                .put("residentId", rs.getInt("resident_id"))
                .put("due", rs.getDate("next_due").toLocalDate().toString())
                .put("overdue", rs.getBoolean("overdue")));
  }
}

package org.caregrid.dashboard.shift;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;

/** The alerts routed to the station that are not resolved or cancelled, oldest first. */
public final class OpenAlertsSection implements HandoverSection {
  private static final String OPEN =
      "SELECT id, kind, severity, state, raised_at FROM alert"
          + " WHERE station_id = ? AND state NOT IN ('resolved', 'cancelled')"
          + " ORDER BY raised_at, id";

  @Override
  public String name() {
    return "openAlerts";
  }

  @Override
  public JsonArray collect(Connection c, int stationId) throws SQLException {
    return HandoverSection.rows(
        c,
        OPEN,
        stationId,
        rs ->
            new JsonObject()
                .put("id", rs.getLong("id"))
                .put("kind", rs.getString("kind"))
                .put("severity", rs.getString("severity"))
                .put("state", rs.getString("state"))
                .put("raisedAt", rs.getTimestamp("raised_at").toInstant().toString()));
  }
}

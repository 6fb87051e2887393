package org.caregrid.dashboard.shift;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One part of the open work a handover note lists by itself: the station's open alerts, its visits
 * due. Each is one entry in {@link JdbcHandovers}'s list.
 */
public interface HandoverSection {
  /** The section's key in the summary, e.g. {@code openAlerts}. */
  String name();

  /** The station's items now, without names, phones or medical details (the summary is kept). */
  JsonArray collect(Connection c, int stationId) throws SQLException;

  /** Each row of {@code sql}, whose one parameter is the station, as JSON in the query's order. */
  static JsonArray rows(Connection c, String sql, int stationId, Item item) throws SQLException {
    JsonArray items = new JsonArray();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, stationId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          items.add(item.of(rs));
        }
      }
    }
    return items;
  }

  /** One item of a section, read from the current row. */
  @FunctionalInterface
  interface Item {
    JsonObject of(ResultSet rs) throws SQLException;
  }
}

package org.caregrid.dashboard.shift;

import io.vertx.core.json.JsonArray;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One part of the open work a handover note lists by itself, e.g. the station's open alerts. Other
 * kinds of work (visits due) join by adding a section to {@link JdbcHandovers}'s list.
 */
public interface HandoverSection {
  /** The section's key in the summary, e.g. {@code openAlerts}. */
  String name();

  /** The station's items now, without names, phones or medical details (the summary is kept). */
  JsonArray collect(Connection c, int stationId) throws SQLException;
}

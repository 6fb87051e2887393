package org.caregrid.dashboard.query;

import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.testing.Sql;

/** Rows the registry's tests need beyond RegistryFixture: staff, alerts and their routes. */
public final class RegistryRows {
  private final DataSource db;

  public RegistryRows(DataSource db) {
    this.db = db;
  }

  /** A staff user in the database (the audit trail refers to it) and its principal. */
  public Principal staff(String login, StaffRole role, Integer stationId) throws SQLException {
    Sql.execute(
        db,
        "INSERT INTO staff_user (login, display_name, password_hash, role, station_id) VALUES ('"
            + login
            + "', '"
            + login
            + "', 'x', '"
            + role.code()
            + "', "
            + stationId
            + ")");
    int id = (int) Sql.count(db, "SELECT id FROM staff_user WHERE login = '" + login + "'");
    return new Principal(id, login, login, role, stationId);
  }

  /**
   * An alert raised at {@code raised}; null times for steps not reached.
   *
   * @return its id
   */
  public long alert(
      int resident, String kind, String state, Instant raised, Instant accepted, Instant onSite)
      throws SQLException {
    Sql.execute(
        db,
        "INSERT INTO alert (kind, severity, resident_id, state, raised_at, last_seen_at,"
            + " accepted_at, on_site_at) VALUES ('"
            + kind
            + "', 'high', "
            + resident
            + ", '"
            + state
            + "', "
            + ts(raised)
            + ", "
            + ts(raised)
            + ", "
            + ts(accepted)
            + ", "
            + ts(onSite)
            + ")");
    return Sql.count(db, "SELECT max(id) FROM alert");
  }

  public void route(long alert, int station) throws SQLException {
    Sql.execute(
        db,
        "INSERT INTO alert_route (alert_id, station_id, step, routed_at, accept_by) VALUES ("
            + alert
            + ", "
            + station
            + ", 0, now(), now())");
  }

  private static String ts(Instant t) {
    return t == null ? "NULL" : "'" + t + "'";
  }
}

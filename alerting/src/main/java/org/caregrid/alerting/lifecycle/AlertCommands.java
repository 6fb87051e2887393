package org.caregrid.alerting.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.caregrid.alerting.audit.Audit;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertCommand;
import org.caregrid.core.alert.AlertCommand.Action;
import org.caregrid.core.alert.AlertRows;
import org.caregrid.core.alert.AlertState;
import org.caregrid.core.db.Transactions;

/**
 * Carries out staff commands on alerts, where {@link AlertState#allows} lets them (DESIGN §6
 * lifecycle). Each is one transaction with its audit record. Station staff may act only on alerts
 * routed to their station; to them any other alert does not exist (404), so nothing leaks.
 * Blocking: worker threads only.
 */
public final class AlertCommands {
  private static final String LOCK =
      "SELECT " + AlertRows.COLUMNS + " FROM alert WHERE id = ? FOR UPDATE";
  private static final String ROUTED =
      "SELECT EXISTS (SELECT 1 FROM alert_route WHERE alert_id = ? AND station_id = ?)"
          + " OR EXISTS (SELECT 1 FROM alert WHERE id = ? AND station_id = ?)";
  private static final String ACCEPT =
      "UPDATE alert SET state = 'accepted', accepted_at = ?, accept_deadline = NULL,"
          + " station_id = coalesce(?, station_id) WHERE id = ? RETURNING "
          + AlertRows.COLUMNS;
  private static final String ON_SITE =
      "UPDATE alert SET state = 'on_site', on_site_at = ? WHERE id = ? RETURNING "
          + AlertRows.COLUMNS;
  private static final String RESOLVE =
      "UPDATE alert SET state = 'resolved', outcome = ?, closed_at = ? WHERE id = ? RETURNING "
          + AlertRows.COLUMNS;
  private static final String CANCEL =
      "UPDATE alert SET state = 'cancelled', closed_at = ?, accept_deadline = NULL WHERE id = ?"
          + " RETURNING "
          + AlertRows.COLUMNS;
  private static final String PENDANTS =
      "SELECT uid FROM device WHERE resident_id = ? AND kind = 'sos_pendant' AND active"
          + " ORDER BY uid";
  private static final String STATION_NAME =
      "SELECT s.name FROM alert a JOIN station s ON s.id = a.station_id WHERE a.id = ?";

  private final DataSource dataSource;

  public AlertCommands(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Applied apply(AlertCommand command, Instant now) throws SQLException, CommandRefused {
    Refusal refusal = new Refusal();
    Applied applied =
        Transactions.run(
            dataSource,
            c -> {
              AlertChange current = lockVisible(c, command);
              if (current == null) {
                refusal.set(404, "no alert " + command.alertId());
                return null;
              }
              if (!current.state().allows(command.action())) {
                refusal.set(
                    409,
                    "alert "
                        + command.alertId()
                        + " is "
                        + current.state().code()
                        + "; cannot "
                        + command.action().name().toLowerCase(Locale.ROOT));
                return null;
              }
              return carryOut(c, command, current, now);
            });
    if (applied == null) {
      throw new CommandRefused(refusal.status, refusal.message);
    }
    return applied;
  }

  private Applied carryOut(Connection c, AlertCommand command, AlertChange current, Instant now)
      throws SQLException {
    Timestamp at = Timestamp.from(now);
    long id = command.alertId();
    AlertChange changed;
    String action;
    switch (command.action()) {
      case ACCEPT -> {
        changed =
            update(c, ACCEPT, now, at, command.stationKey() == 0 ? null : command.stationKey(), id);
        action = "accepted";
      }
      case ON_SITE -> {
        changed = update(c, ON_SITE, now, at, id);
        action = "on_site";
      }
      case RESOLVE -> {
        changed = update(c, RESOLVE, now, command.outcome().code(), at, id);
        action = "resolved:" + command.outcome().code();
      }
      case CANCEL -> {
        changed = update(c, CANCEL, now, at, id);
        action = "cancelled";
      }
      case NOTE -> {
        changed = current;
        action = "note";
      }
      default -> throw new IllegalStateException("unhandled " + command.action());
    }
    Audit.record(c, id, now, command.actor(), action, command.note());
    List<String> pendants =
        command.action() == Action.ACCEPT ? pendants(c, changed.residentKey()) : List.of();
    return new Applied(changed, pendants, stationName(c, id));
  }

  private static AlertChange lockVisible(Connection c, AlertCommand command) throws SQLException {
    AlertChange current;
    try (PreparedStatement ps = c.prepareStatement(LOCK)) {
      ps.setLong(1, command.alertId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        current = AlertRows.change(rs, null);
      }
    }
    if (command.stationKey() == 0) {
      return current;
    }
    try (PreparedStatement ps = c.prepareStatement(ROUTED)) {
      ps.setLong(1, command.alertId());
      ps.setInt(2, command.stationKey());
      ps.setLong(3, command.alertId());
      ps.setInt(4, command.stationKey());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1) ? current : null;
      }
    }
  }

  private static AlertChange update(Connection c, String sql, Instant now, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return AlertRows.change(rs, now);
      }
    }
  }

  private static List<String> pendants(Connection c, int residentKey) throws SQLException {
    List<String> uids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(PENDANTS)) {
      ps.setInt(1, residentKey);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          uids.add(rs.getString(1));
        }
      }
    }
    return uids;
  }

  private static String stationName(Connection c, long alertId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(STATION_NAME)) {
      ps.setLong(1, alertId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : "";
      }
    }
  }

  /** Why a command was refused, found inside the transaction and thrown after it rolled back. */
  private static final class Refusal {
    int status;
    String message;

    void set(int status, String message) {
      this.status = status;
      this.message = message;
    }
  }
}

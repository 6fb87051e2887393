package org.caregrid.dashboard.care;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.AlertQueries;
import org.caregrid.dashboard.query.AlertView;
import org.caregrid.dashboard.query.StationScope;

/**
 * The calls staff made on an alert. Logging one writes the attempt and, in the same transaction,
 * the line of the alert's history ({@code alert_event}, without the number) that records who made
 * it, as every staff action on an alert is recorded (decisions 0020, 0026). Blocking.
 */
public final class CallLog {
  private static final String LIST =
      "SELECT id, at, login, callee, phone, outcome, note FROM call_attempt WHERE alert_id = ?"
          + " ORDER BY at, id";
  private static final String INSERT =
      "INSERT INTO call_attempt (alert_id, user_id, login, callee, phone, outcome, note)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id, at, login, callee, phone, outcome, note";
  private static final String HISTORY =
      "INSERT INTO alert_event (alert_id, actor, action, note, params) VALUES (?, ?, ?, ?, ?::jsonb)";

  /** What logging a call came to. */
  public enum Logged {
    DONE,
    /** Unknown, or not visible to the caller. */
    NOT_FOUND,
    /** Resolved or cancelled: its record is closed. */
    CLOSED
  }

  /**
   * @param call the attempt as stored; null unless {@code outcome} is {@link Logged#DONE}
   */
  public record Result(Logged outcome, CallAttempt call) {}

  private final DataSource dataSource;

  public CallLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The alert's calls, oldest first; empty if the alert is unknown or not visible. */
  public Optional<List<CallAttempt>> list(long alertId, StationScope viewer) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (AlertQueries.one(c, alertId, viewer).isEmpty()) {
        return Optional.empty();
      }
      List<CallAttempt> calls = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(LIST)) {
        ps.setLong(1, alertId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            calls.add(call(rs));
          }
        }
      }
      return Optional.of(calls);
    }
  }

  /** Logs a call on an open alert the caller can see. */
  public Result log(Principal who, long alertId, StationScope viewer, NewCall call)
      throws SQLException {
    return Transactions.run(
        dataSource,
        c -> {
          Optional<AlertView> alert = AlertQueries.one(c, alertId, viewer);
          if (alert.isEmpty()) {
            return new Result(Logged.NOT_FOUND, null);
          }
          String state = alert.get().state();
          if (state.equals("resolved") || state.equals("cancelled")) {
            return new Result(Logged.CLOSED, null);
          }
          CallAttempt stored;
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, alertId);
            ps.setInt(2, who.userId());
            ps.setString(3, who.login());
            ps.setString(4, call.callee().code());
            ps.setString(5, call.phone());
            ps.setString(6, call.outcome().code());
            ps.setString(7, call.note());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              stored = call(rs);
            }
          }
          JsonObject params =
              new JsonObject()
                  .put("call", stored.id())
                  .put("callee", call.callee().code())
                  .put("outcome", call.outcome().code());
          try (PreparedStatement ps = c.prepareStatement(HISTORY)) {
            ps.setLong(1, alertId);
            ps.setString(2, who.login());
            ps.setString(3, "call:" + call.outcome().code());
            ps.setString(4, call.note());
            ps.setString(5, params.encode());
            ps.executeUpdate();
          }
          return new Result(Logged.DONE, stored);
        });
  }

  private static CallAttempt call(ResultSet rs) throws SQLException {
    return new CallAttempt(
        rs.getLong("id"),
        rs.getObject("at", OffsetDateTime.class).toInstant(),
        rs.getString("login"),
        Callee.fromCode(rs.getString("callee")),
        rs.getString("phone"),
        CallOutcome.fromCode(rs.getString("outcome")),
        rs.getString("note"));
  }
}

package org.caregrid.dashboard.care;

import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.AlertQueries;
import org.caregrid.dashboard.query.StationScope;

/**
 * The key safe code, shown only to those responding: on an accepted or on-site alert, to staff of
 * the station that accepted it or to whoever accepted it. Each showing is audited in the
 * transaction that reads the code, so no code leaves without its record. Blocking.
 */
public final class DoorCodes {
  private static final String READ =
      "SELECT a.resident_id, m.key_safe_code,"
          + Responding.EXPRESSION
          + " AS responding"
          + " FROM alert a LEFT JOIN medical_summary m ON m.resident_id = a.resident_id"
          + " WHERE a.id = ?";

  /** What asking for the code came to. */
  public enum Shown {
    SHOWN,
    /** Unknown, or not visible to the caller. */
    NOT_FOUND,
    /** Visible, but the caller is not responding to it (not accepted by them or their station). */
    NOT_RESPONDING,
    /** The caller may see it, and there is none on record. */
    NONE
  }

  /**
   * @param code the key safe code; null unless {@code outcome} is {@link Shown#SHOWN}
   */
  public record Result(Shown outcome, String code) {}

  private final DataSource dataSource;

  public DoorCodes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The code for the caller, if they may see it; audited when shown. */
  public Result show(Principal who, long alertId, StationScope viewer) throws SQLException {
    return Transactions.run(
        dataSource,
        c -> {
          if (AlertQueries.one(c, alertId, viewer).isEmpty()) {
            return new Result(Shown.NOT_FOUND, null);
          }
          int residentId;
          Optional<String> code;
          try (PreparedStatement ps = c.prepareStatement(READ)) {
            // district staff have no station: only their own accept counts
            ps.setObject(1, who.stationId(), Types.INTEGER);
            ps.setString(2, who.login());
            ps.setLong(3, alertId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              if (!rs.getBoolean("responding")) {
                return new Result(Shown.NOT_RESPONDING, null);
              }
              residentId = rs.getInt("resident_id");
              code = Optional.ofNullable(rs.getString("key_safe_code"));
            }
          }
          if (code.isEmpty()) {
            return new Result(Shown.NONE, null);
          }
          StaffAudit.record(
              c,
              who,
              "door_code.shown",
              "alert/" + alertId,
              new JsonObject().put("residentId", residentId));
          return new Result(Shown.SHOWN, code.get());
        });
  }
}

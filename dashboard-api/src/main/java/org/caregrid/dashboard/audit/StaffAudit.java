package org.caregrid.dashboard.audit;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.caregrid.dashboard.auth.Principal;

/**
 * Records who changed what through the API, in the transaction that makes the change: a write and
 * its audit row commit together or not at all.
 */
public final class StaffAudit {
  private static final String INSERT =
      "INSERT INTO staff_audit (user_id, login, action, target, detail) VALUES (?, ?, ?, ?, ?::jsonb)";

  private StaffAudit() {}

  /**
   * @param action what was done, e.g. {@code care_plan.update}
   * @param target what it was done to, e.g. {@code resident/42}
   * @param detail the values written (never a password or key)
   */
  public static void record(
      Connection c, Principal who, String action, String target, JsonObject detail)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setInt(1, who.userId());
      ps.setString(2, who.login());
      ps.setString(3, action);
      ps.setString(4, target);
      ps.setString(5, detail.encode());
      ps.executeUpdate();
    }
  }
}

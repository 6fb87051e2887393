package org.caregrid.dashboard.care;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;

/** A resident's medical summary and door access, without the key safe code. Blocking. */
public final class MedicalRecords {
  private static final String READ =
      "SELECT m.conditions, m.medicines, m.allergies, m.mobility, m.preferred_hospital,"
          + " m.key_holders, m.key_safe_code IS NOT NULL AS code_on_record, r.id AS resident"
          + " FROM resident r LEFT JOIN medical_summary m ON m.resident_id = r.id WHERE r.id = ?";
  private static final String EXISTS = "SELECT 1 FROM resident WHERE id = ? FOR UPDATE";
  private static final String UPSERT =
      "INSERT INTO medical_summary AS m (resident_id, conditions, medicines, allergies, mobility,"
          + " preferred_hospital, key_holders, key_safe_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (resident_id) DO UPDATE SET conditions = EXCLUDED.conditions,"
          + " medicines = EXCLUDED.medicines, allergies = EXCLUDED.allergies,"
          + " mobility = EXCLUDED.mobility, preferred_hospital = EXCLUDED.preferred_hospital,"
          + " key_holders = EXCLUDED.key_holders,"
          + " key_safe_code = CASE WHEN ? THEN EXCLUDED.key_safe_code ELSE m.key_safe_code END,"
          + " updated_at = now()";

  private final DataSource dataSource;

  public MedicalRecords(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The summary ({@link MedicalSummary#EMPTY} when none is written); empty for no resident. */
  public Optional<MedicalSummary> read(int residentId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return read(c, residentId);
    }
  }

  static Optional<MedicalSummary> read(Connection c, int residentId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(READ)) {
      ps.setInt(1, residentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (rs.getString("conditions") == null) {
          return Optional.of(MedicalSummary.EMPTY);
        }
        return Optional.of(
            new MedicalSummary(
                rs.getString("conditions"),
                rs.getString("medicines"),
                rs.getString("allergies"),
                rs.getString("mobility"),
                rs.getString("preferred_hospital"),
                rs.getString("key_holders"),
                rs.getBoolean("code_on_record")));
      }
    }
  }

  /** Replaces the summary, audited; empty if there is no such resident. */
  public Optional<MedicalSummary> replace(Principal who, int residentId, MedicalEdit edit)
      throws SQLException {
    return Transactions.run(
        dataSource,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(EXISTS)) {
            ps.setInt(1, residentId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
            }
          }
          try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setInt(1, residentId);
            ps.setString(2, edit.conditions());
            ps.setString(3, edit.medicines());
            ps.setString(4, edit.allergies());
            ps.setString(5, edit.mobility());
            ps.setString(6, edit.preferredHospital());
            ps.setString(7, edit.keyHolders());
            ps.setString(8, edit.changeKeySafeCode() ? edit.keySafeCode() : null);
            ps.setBoolean(9, edit.changeKeySafeCode());
            ps.executeUpdate();
          }
          // The fields written, not what they say: medical details and the door code stay in
          // their table, whose reads are scoped and (for the code) audited one by one.
          JsonArray fields =
              new JsonArray()
                  .add("conditions")
                  .add("medicines")
                  .add("allergies")
                  .add("mobility")
                  .add("preferredHospital")
                  .add("keyHolders");
          if (edit.changeKeySafeCode()) {
            fields.add("keySafeCode");
          }
          StaffAudit.record(
              c,
              who,
              "medical_summary.update",
              "resident/" + residentId,
              new JsonObject().put("fields", fields));
          return read(c, residentId);
        });
  }
}

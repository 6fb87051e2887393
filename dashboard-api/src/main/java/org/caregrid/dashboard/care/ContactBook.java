package org.caregrid.dashboard.care;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;

/** A resident's phone, emergency contacts and family doctor. Blocking. */
public final class ContactBook {
  private static final String RESIDENT =
      "SELECT r.phone, d.id AS doctor_id, d.name AS doctor_name, d.clinic, d.phone AS doctor_phone"
          + " FROM resident r LEFT JOIN family_doctor d ON d.id = r.family_doctor_id"
          + " WHERE r.id = ?";
  private static final String CONTACTS =
      "SELECT call_order, name, relationship, phone, holds_key FROM resident_contact"
          + " WHERE resident_id = ? ORDER BY call_order";
  private static final String SET_PHONE = "UPDATE resident SET phone = ? WHERE id = ? RETURNING id";
  private static final String CLEAR = "DELETE FROM resident_contact WHERE resident_id = ?";
  private static final String INSERT =
      "INSERT INTO resident_contact (resident_id, call_order, name, relationship, phone,"
          + " holds_key) VALUES (?, ?, ?, ?, ?, ?)";

  private final DataSource dataSource;

  public ContactBook(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The resident's contacts in call order; empty if there is no such resident. */
  public Optional<Contacts> read(int residentId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return read(c, residentId);
    }
  }

  static Optional<Contacts> read(Connection c, int residentId) throws SQLException {
    String phone;
    FamilyDoctor doctor = null;
    try (PreparedStatement ps = c.prepareStatement(RESIDENT)) {
      ps.setInt(1, residentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        phone = rs.getString("phone");
        Integer doctorId = rs.getObject("doctor_id", Integer.class);
        if (doctorId != null) {
          doctor =
              new FamilyDoctor(
                  doctorId,
                  rs.getString("doctor_name"),
                  rs.getString("clinic"),
                  rs.getString("doctor_phone"));
        }
      }
    }
    List<Contact> contacts = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(CONTACTS)) {
      ps.setInt(1, residentId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          contacts.add(
              new Contact(
                  rs.getInt("call_order"),
                  rs.getString("name"),
                  rs.getString("relationship"),
                  rs.getString("phone"),
                  rs.getBoolean("holds_key")));
        }
      }
    }
    return Optional.of(new Contacts(phone, contacts, doctor));
  }

  /**
   * Replaces the resident's phone and contacts, audited; the contacts' order is their call order.
   * Empty if there is no such resident.
   */
  public Optional<Contacts> replace(
      Principal who, int residentId, String residentPhone, List<Contact> contacts)
      throws SQLException {
    return Transactions.run(
        dataSource,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SET_PHONE)) {
            ps.setString(1, residentPhone);
            ps.setInt(2, residentId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
            }
          }
          try (PreparedStatement ps = c.prepareStatement(CLEAR)) {
            ps.setInt(1, residentId);
            ps.executeUpdate();
          }
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            int order = 1;
            for (Contact k : contacts) {
              ps.setInt(1, residentId);
              ps.setInt(2, order++);
              ps.setString(3, k.name());
              ps.setString(4, k.relationship());
              ps.setString(5, k.phone());
              ps.setBoolean(6, k.holdsKey());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          // Which record changed and how many contacts it has, not the names and numbers: the
          // audit trail is read more widely than the record itself.
          StaffAudit.record(
              c,
              who,
              "contacts.update",
              "resident/" + residentId,
              new JsonObject()
                  .put("contacts", contacts.size())
                  .put("residentPhone", !residentPhone.isEmpty()));
          return read(c, residentId);
        });
  }
}

package org.caregrid.dashboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.core.device.PskCipher;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.DeviceQueries;
import org.caregrid.dashboard.query.DeviceView;

/** Enrols devices. Blocking: runs on the database workers. */
public final class DeviceStore {
  private static final String INSERT =
      "INSERT INTO device (uid, kind, home_id, resident_id, expected_interval_s, credential_hash,"
          + " psk_sealed) SELECT ?, ?, home_id, id, ?, ?, ? FROM resident WHERE id = ? AND home_id = ?"
          + " ON CONFLICT (uid) DO NOTHING RETURNING id";
  private static final String UID_TAKEN = "SELECT 1 FROM device WHERE uid = ?";

  private final DataSource dataSource;
  private final DeviceQueries devices;
  private final PskCipher psks;

  /**
   * @param psks seals each DTLS key before it is written: the database never holds one in clear
   */
  public DeviceStore(DataSource dataSource, DeviceQueries devices, PskCipher psks) {
    this.dataSource = dataSource;
    this.devices = devices;
    this.psks = psks;
  }

  /** Whether a key to seal DTLS keys under is configured; without one nothing can be enrolled. */
  public boolean canStoreKeys() {
    return psks.configured();
  }

  /** What enrolling a device came to. */
  public sealed interface Enrolment {
    /** Enrolled; the device as the API shows it. */
    record Done(DeviceView device) implements Enrolment {}

    /** Another device has the uid. */
    record UidTaken() implements Enrolment {}

    /** No such resident in that home. */
    record NoResidentThere() implements Enrolment {}
  }

  /**
   * Enrols a device with its broker hash and DTLS key, audited (without either secret).
   *
   * @param credentialHash the broker password in Mosquitto's format
   * @param psk the DTLS pre-shared key, stored sealed
   */
  public Enrolment enrol(Principal who, NewDevice d, String credentialHash, byte[] psk)
      throws SQLException {
    byte[] sealed = psks.seal(d.uid(), psk);
    Inserted inserted =
        Transactions.run(
            dataSource,
            c -> {
              int key;
              try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, d.uid().value());
                ps.setString(2, d.kind().code());
                ps.setInt(3, d.expectedIntervalS());
                ps.setString(4, credentialHash);
                ps.setBytes(5, sealed);
                ps.setInt(6, d.residentId());
                ps.setInt(7, d.homeId());
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    return new Inserted(
                        0,
                        uidTaken(c, d.uid().value())
                            ? new Enrolment.UidTaken()
                            : new Enrolment.NoResidentThere());
                  }
                  key = rs.getInt(1);
                }
              }
              StaffAudit.record(c, who, "device.enrol", "device/" + key, d.toJson());
              return new Inserted(key, null);
            });
    return inserted.refused() == null
        ? new Enrolment.Done(devices.one(inserted.key()).orElseThrow())
        : inserted.refused();
  }

  /** The new device's key, or why there is none. */
  private record Inserted(int key, Enrolment refused) {}

  private static boolean uidTaken(Connection c, String uid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UID_TAKEN)) {
      ps.setString(1, uid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}

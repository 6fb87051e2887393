package org.caregrid.ingest.registry;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.PskCipher;

/**
 * Moves the DTLS keys that rows written before sealing keep in plaintext ({@code device.psk}) into
 * {@code psk_sealed}, in one transaction, so that no plaintext key is left behind half way ({@code
 * caregrid seal-psks}). Running it again finds nothing to do.
 */
public final class PskSealing {
  private static final String PLAIN =
      "SELECT id, uid, psk FROM device WHERE psk IS NOT NULL FOR UPDATE";
  private static final String SEAL = "UPDATE device SET psk_sealed = ?, psk = NULL WHERE id = ?";

  private PskSealing() {}

  /** Returns how many keys were sealed. */
  public static int sealPlaintext(DataSource dataSource, PskCipher cipher) throws SQLException {
    if (!cipher.configured()) {
      throw new IllegalStateException(PskCipher.CONFIG_KEY + " is not set: nothing to seal with");
    }
    return Transactions.run(
        dataSource,
        c -> {
          int sealed = 0;
          try (PreparedStatement select = c.prepareStatement(PLAIN);
              PreparedStatement update = c.prepareStatement(SEAL);
              ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
              DeviceId id = new DeviceId(rs.getString("uid"));
              update.setBytes(1, cipher.seal(id, rs.getBytes("psk")));
              update.setLong(2, rs.getLong("id"));
              update.addBatch();
              sealed++;
            }
            update.executeBatch();
          }
          return sealed;
        });
  }
}

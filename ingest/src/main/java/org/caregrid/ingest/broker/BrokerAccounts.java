package org.caregrid.ingest.broker;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.MosquittoPasswordHash;

/**
 * The broker's accounts as the registry has them: the platform's, one per active device with a
 * credential, one per station with a panel credential. Rows the broker could not load safely are
 * left out, each with the reason.
 */
public final class BrokerAccounts {
  private static final String DEVICES =
      "SELECT uid, credential_hash FROM device WHERE active AND credential_hash IS NOT NULL";
  private static final String PANELS =
      "SELECT code, panel_credential_hash FROM station WHERE panel_credential_hash IS NOT NULL";

  private final DataSource registry;

  public BrokerAccounts(DataSource registry) {
    this.registry = registry;
  }

  /** What one read found: the accounts in a stable order, and what was left out and why. */
  public record Found(List<BrokerAccount> accounts, List<String> skipped) {
    public long count(BrokerAccount.Kind kind) {
      return accounts.stream().filter(a -> a.kind() == kind).count();
    }
  }

  /**
   * Reads the registry.
   *
   * @param platform the platform's own account, first in the list
   * @throws IllegalStateException if a device or panel would log in under another's name
   */
  public Found load(BrokerAccount platform) throws SQLException {
    List<String> skipped = new ArrayList<>();
    List<BrokerAccount> devices = new ArrayList<>();
    List<BrokerAccount> panels = new ArrayList<>();
    try (Connection c = registry.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(DEVICES)) {
        while (rs.next()) {
          String uid = rs.getString(1);
          if (usable(uid, rs.getString(2), "device", skipped)) {
            devices.add(BrokerAccount.device(new DeviceId(uid), rs.getString(2)));
          }
        }
      }
      try (ResultSet rs = s.executeQuery(PANELS)) {
        while (rs.next()) {
          String code = rs.getString(1);
          if (usable(code, rs.getString(2), "station", skipped)) {
            panels.add(BrokerAccount.stationPanel(code, rs.getString(2)));
          }
        }
      }
    }
    // In Java, not SQL: the database's collation must not change the order
    devices.sort(Comparator.comparing(BrokerAccount::user));
    panels.sort(Comparator.comparing(BrokerAccount::user));
    List<BrokerAccount> all = new ArrayList<>();
    all.add(platform);
    all.addAll(devices);
    all.addAll(panels);
    requireDistinctUsers(all);
    skipped.sort(Comparator.naturalOrder());
    return new Found(List.copyOf(all), List.copyOf(skipped));
  }

  /**
   * An id or code goes into a topic and a login name: one with a wildcard or a '/' could widen a
   * rule, so it is left out (ingest refuses such a device anyway).
   */
  private static boolean usable(String name, String hash, String what, List<String> skipped) {
    if (!DeviceId.isValid(name)) {
      skipped.add(what + " '" + name + "': not a valid id");
      return false;
    }
    if (!MosquittoPasswordHash.isWellFormed(hash)) {
      skipped.add(what + " " + name + ": the credential is not a Mosquitto 2.0 PBKDF2 hash");
      return false;
    }
    return true;
  }

  private static void requireDistinctUsers(List<BrokerAccount> accounts) {
    Set<String> seen = new HashSet<>();
    for (BrokerAccount account : accounts) {
      if (!seen.add(account.user())) {
        throw new IllegalStateException(
            account.kind().name().toLowerCase(java.util.Locale.ROOT)
                + " "
                + account.user()
                + " has the broker login of another account (mqtt.username, a device, a panel)");
      }
    }
  }
}

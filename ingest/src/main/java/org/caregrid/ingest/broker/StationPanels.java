package org.caregrid.ingest.broker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.caregrid.core.device.DeviceCredentials;
import org.caregrid.core.device.DeviceId;

/**
 * Broker passwords for station panels: a station's panels and apps log in as {@code station.{code}}
 * ({@link BrokerAccount#stationPanel}). Only the hash is kept, in {@code
 * station.panel_credential_hash}; a new password replaces the old one at the next export.
 */
public final class StationPanels {
  private final DataSource registry;

  public StationPanels(DataSource registry) {
    this.registry = registry;
  }

  /**
   * Issues a new password for the panels of station {@code code} and returns it, once.
   *
   * @throws IllegalArgumentException if no station has that code, or it cannot be a login name
   */
  public String issue(String code) throws SQLException {
    if (!DeviceId.isValid(code)) {
      throw new IllegalArgumentException("not a station code the broker can use: '" + code + "'");
    }
    DeviceCredentials credentials =
        DeviceCredentials.issue(new DeviceId(BrokerAccount.panelUser(code)));
    try (Connection c = registry.getConnection();
        PreparedStatement update =
            c.prepareStatement("UPDATE station SET panel_credential_hash = ? WHERE code = ?")) {
      update.setString(1, credentials.hash());
      update.setString(2, code);
      if (update.executeUpdate() == 0) {
        throw new IllegalArgumentException("no station has the code " + code);
      }
    }
    return credentials.secret();
  }
}

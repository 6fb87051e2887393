package org.caregrid.dashboard.care;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.AlertQueries;
import org.caregrid.dashboard.query.StationScope;

/** Reads the handover card of an alert. Blocking. */
public final class Handovers {
  private static final String RESIDENT =
      "SELECT r.id, r.name, r.birth_year, h.address, h.community,"
          + Responding.EXPRESSION
          + " AS responding"
          + " FROM alert a JOIN resident r ON r.id = a.resident_id JOIN home h ON h.id = r.home_id"
          + " WHERE a.id = ?";

  private final DataSource dataSource;

  public Handovers(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The card, if the alert exists and the viewer may see it. */
  public Optional<HandoverCard> card(Principal who, long alertId, StationScope viewer)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (AlertQueries.one(c, alertId, viewer).isEmpty()) {
        return Optional.empty();
      }
      try (PreparedStatement ps = c.prepareStatement(RESIDENT)) {
        ps.setObject(1, who.stationId(), Types.INTEGER);
        ps.setString(2, who.login());
        ps.setLong(3, alertId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          int residentId = rs.getInt("id");
          return Optional.of(
              new HandoverCard(
                  alertId,
                  residentId,
                  rs.getString("name"),
                  rs.getObject("birth_year", Integer.class),
                  rs.getString("address"),
                  rs.getString("community"),
                  ContactBook.read(c, residentId).orElseThrow(),
                  MedicalRecords.read(c, residentId).orElseThrow(),
                  rs.getBoolean("responding")));
        }
      }
    }
  }
}

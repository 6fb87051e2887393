package org.caregrid.sim.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Enrols a scenario's home in the registry: one home and resident, the scenario's enrolled devices
 * under the ids given, each with its report interval as the expected one, and a community station
 * nearby so that its alerts are routed. The platform picks them up on its registry refresh.
 */
public final class ScenarioHome {
  private static final Duration SILENT_DEVICE_INTERVAL = Duration.ofHours(1);

  private ScenarioHome() {}

  /**
   * @param uids the device id of each scenario device, by name
   * @param stationCode the station to route to; created when missing
   * @return the resident's key
   */
  public static int enrol(
      DataSource db, Scenario scenario, Map<String, String> uids, String stationCode)
      throws SQLException {
    double lat = 40.6571;
    double lon = 109.8402;
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO station (code, name, tier, lat, lon, capacity)"
                  + " VALUES (?, ?, 'community', ?, ?, 1000) ON CONFLICT (code) DO NOTHING")) {
        ps.setString(1, stationCode);
        ps.setString(2, "Scenario station " + stationCode);
        ps.setDouble(3, lat);
        ps.setDouble(4, lon + 0.01);
        ps.executeUpdate();
      }
      int home =
          id(
              c,
              "INSERT INTO home (address, community, lat, lon, time_zone)"
                  + " VALUES (?, 'Scenario community', "
                  + lat
                  + ", "
                  + lon
                  + ", '"
                  + scenario.zone().getId()
                  + "') RETURNING id",
              "scenario " + scenario.name());
      int resident =
          id(
              c,
              "INSERT INTO resident (home_id, name, care_plan) VALUES ("
                  + home
                  + ", ?, '"
                  + carePlan(scenario).replace("'", "''")
                  + "'::jsonb) RETURNING id",
              "Scenario " + scenario.name());
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO device (uid, kind, home_id, resident_id, expected_interval_s)"
                  + " VALUES (?, ?, ?, ?, ?)")) {
        for (ScenarioDevice d : scenario.devices()) {
          if (!d.isEnrolled()) {
            continue;
          }
          ps.setString(1, uids.get(d.name()));
          ps.setString(2, d.kind().code());
          ps.setInt(3, home);
          ps.setInt(4, resident);
          ps.setLong(5, (d.every() != null ? d.every() : SILENT_DEVICE_INTERVAL).toSeconds());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
      return resident;
    }
  }

  private static String carePlan(Scenario scenario) {
    try {
      return new ObjectMapper().writeValueAsString(scenario.carePlan());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the care plan is not JSON: " + e.getMessage(), e);
    }
  }

  private static int id(Connection c, String sql, String text) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, text);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}

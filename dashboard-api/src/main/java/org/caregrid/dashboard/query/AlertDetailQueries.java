package org.caregrid.dashboard.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.reading.Metric;

/** Reads one alert with its resident, home, routing, vitals and audit trail. Blocking. */
public final class AlertDetailQueries {
  /** How far back vitals count as current for someone deciding how to help. */
  static final Duration VITALS_WINDOW = Duration.ofHours(1);

  /** The catalogue's vital signs are its metrics with a LOINC code; the rest describe devices. */
  private static final Short[] VITALS =
      Arrays.stream(Metric.values())
          .filter(m -> m.loinc().isPresent())
          .map(Metric::dbCode)
          .toArray(Short[]::new);

  private static final String RESIDENT =
      "SELECT r.id, r.name, r.birth_year, r.lives_alone, r.dementia, r.copd_scale2,"
          + " h.id AS home_id, h.address, h.community, h.lat, h.lon"
          + " FROM resident r JOIN home h ON h.id = r.home_id WHERE r.id = ?";
  private static final String STATIONS =
      "SELECT s.id, s.code, s.name, s.tier, s.lat, s.lon, ar.step, ar.routed_at, ar.accept_by"
          + " FROM alert_route ar JOIN station s ON s.id = ar.station_id WHERE ar.alert_id = ?"
          + " ORDER BY ar.step, ar.routed_at, s.id";
  private static final String VITALS_SQL =
      "SELECT DISTINCT ON (rd.metric) rd.metric, rd.value, rd.time, d.expected_interval_s"
          + " FROM reading rd"
          + " JOIN device d ON d.id = rd.device_id"
          + " WHERE d.resident_id = ? AND rd.time > ? AND rd.metric = ANY (?)"
          + " ORDER BY rd.metric, rd.time DESC";
  private static final String AUDIT =
      // the actor is a login (or "system"); the console names the person
      "SELECT e.at, e.actor, u.display_name AS actor_name, e.action, e.note, e.params"
          + " FROM alert_event e LEFT JOIN staff_user u ON u.login = e.actor"
          + " WHERE e.alert_id = ? ORDER BY e.at, e.id";

  private final DataSource dataSource;
  private final Clock clock;

  public AlertDetailQueries(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** The alert's detail, if it exists and {@code viewer} may see it. */
  public Optional<AlertDetail> detail(long id, StationScope viewer) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Optional<AlertView> alert = AlertQueries.one(c, id, viewer);
      if (alert.isEmpty()) {
        return Optional.empty();
      }
      AlertView a = alert.get();
      AlertDetail.Resident resident;
      AlertDetail.Home home;
      try (PreparedStatement ps = c.prepareStatement(RESIDENT)) {
        ps.setInt(1, a.residentId());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          Integer born = rs.getObject("birth_year", Integer.class);
          resident =
              new AlertDetail.Resident(
                  rs.getInt("id"),
                  rs.getString("name"),
                  born,
                  born == null ? null : clock.instant().atZone(ZoneOffset.UTC).getYear() - born,
                  rs.getBoolean("lives_alone"),
                  rs.getBoolean("dementia"),
                  rs.getBoolean("copd_scale2"));
          home =
              new AlertDetail.Home(
                  rs.getInt("home_id"),
                  rs.getString("address"),
                  rs.getString("community"),
                  rs.getDouble("lat"),
                  rs.getDouble("lon"));
        }
      }
      return Optional.of(
          new AlertDetail(
              a, resident, home, stations(c, id), vitals(c, a.residentId()), audit(c, id)));
    }
  }

  private static List<AlertDetail.RoutedStation> stations(Connection c, long id)
      throws SQLException {
    List<AlertDetail.RoutedStation> stations = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(STATIONS)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stations.add(
              new AlertDetail.RoutedStation(
                  rs.getInt("id"),
                  rs.getString("code"),
                  rs.getString("name"),
                  rs.getString("tier"),
                  rs.getDouble("lat"),
                  rs.getDouble("lon"),
                  rs.getInt("step"),
                  AlertView.instant(rs, "routed_at"),
                  AlertView.instant(rs, "accept_by")));
        }
      }
    }
    return stations;
  }

  private List<AlertDetail.Vital> vitals(Connection c, int residentId) throws SQLException {
    Instant since = clock.instant().minus(VITALS_WINDOW);
    List<AlertDetail.Vital> vitals = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(VITALS_SQL)) {
      ps.setInt(1, residentId);
      ps.setObject(2, AlertQueries.utc(since));
      ps.setArray(3, c.createArrayOf("smallint", VITALS));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Metric m = Metric.fromDbCode(rs.getShort("metric"));
          vitals.add(
              new AlertDetail.Vital(
                  m.code(),
                  rs.getDouble("value"),
                  m.ucum(),
                  AlertView.instant(rs, "time"),
                  Duration.ofSeconds(rs.getInt("expected_interval_s"))));
        }
      }
    }
    return vitals;
  }

  private static List<AlertDetail.AuditEntry> audit(Connection c, long id) throws SQLException {
    List<AlertDetail.AuditEntry> entries = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(AUDIT)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new AlertDetail.AuditEntry(
                  AlertView.instant(rs, "at"),
                  rs.getString("actor"),
                  rs.getString("actor_name"),
                  rs.getString("action"),
                  rs.getString("note"),
                  rs.getString("params")));
        }
      }
    }
    return entries;
  }
}

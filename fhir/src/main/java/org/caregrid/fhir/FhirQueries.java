package org.caregrid.fhir;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.caregrid.core.reading.Metric;

/**
 * What FHIR serves, read for one doctor: only residents signed with the doctor whose account asks
 * ({@code resident.family_doctor_id}); anyone else does not exist. Vital signs are hourly means
 * from the platform's rollups over all the resident's devices. Blocking: database workers.
 */
final class FhirQueries {
  private static final String SIGNED =
      " r.family_doctor_id IS NOT NULL AND r.family_doctor_id ="
          + " (SELECT family_doctor_id FROM staff_user WHERE id = ?)";
  private static final String PATIENT =
      "SELECT r.id, r.name, r.birth_year, r.copd_scale2, h.address, h.community, d.name AS doctor"
          + " FROM resident r JOIN home h ON h.id = r.home_id"
          + " JOIN family_doctor d ON d.id = r.family_doctor_id WHERE";
  private static final String HOURS =
      "SELECT x.bucket, x.metric, sum(x.sum) / sum(x.n) AS mean FROM reading_1h x"
          + " JOIN device d ON d.id = x.device_id WHERE d.resident_id = ? AND x.metric = ANY (?)"
          + " AND x.bucket >= ? AND x.bucket < ? GROUP BY x.bucket, x.metric";

  private final DataSource dataSource;

  FhirQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A resident as a patient. */
  record PatientRow(
      int id,
      String name,
      Integer birthYear,
      boolean copdScale2,
      String address,
      String community,
      String doctor) {}

  Optional<PatientRow> patient(int doctorUser, int residentId) throws SQLException {
    List<PatientRow> rows = patients(doctorUser, residentId);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** The doctor's patients, or the one with {@code residentId} (0: all of them). */
  List<PatientRow> patients(int doctorUser, int residentId) throws SQLException {
    String sql = PATIENT + SIGNED + (residentId > 0 ? " AND r.id = ?" : "") + " ORDER BY r.id";
    List<PatientRow> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, doctorUser);
      if (residentId > 0) {
        ps.setInt(2, residentId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new PatientRow(
                  rs.getInt("id"),
                  rs.getString("name"),
                  rs.getObject("birth_year", Integer.class),
                  rs.getBoolean("copd_scale2"),
                  rs.getString("address"),
                  rs.getString("community"),
                  rs.getString("doctor")));
        }
      }
    }
    return rows;
  }

  /** Hour → metric → the hour's mean, for the hours in [from, to). */
  Map<Instant, Map<Metric, Double>> hourly(
      int residentId, List<Metric> metrics, Instant from, Instant to) throws SQLException {
    Map<Instant, Map<Metric, Double>> hours = new TreeMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(HOURS)) {
      ps.setInt(1, residentId);
      ps.setArray(
          2,
          c.createArrayOf("smallint", metrics.stream().map(Metric::dbCode).toArray(Short[]::new)));
      ps.setTimestamp(3, Timestamp.from(from));
      ps.setTimestamp(4, Timestamp.from(to));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          hours
              .computeIfAbsent(
                  rs.getTimestamp("bucket").toInstant(), h -> new EnumMap<>(Metric.class))
              .put(Metric.fromDbCode(rs.getShort("metric")), rs.getDouble("mean"));
        }
      }
    }
    return hours;
  }
}

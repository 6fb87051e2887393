package org.caregrid.server.demo;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Fills the coming week's roster at every start, so that a newcomer sees one: at each station with
 * at least two people, the lead (or first person) on the day shift with one staff member and
 * another on the night shift, the staff taking turns day by day. Days already planned are left
 * alone.
 */
final class DemoRoster {
  private static final int DAYS = 7;
  private static final String PEOPLE =
      "SELECT station_id, id FROM staff_user"
          + " WHERE active AND role IN ('station_staff', 'station_lead')"
          + " ORDER BY station_id, role = 'station_lead' DESC, id";
  private static final String PLANNED =
      "SELECT DISTINCT station_id, day FROM duty_shift WHERE day BETWEEN ? AND ?";
  private static final String ADD =
      "INSERT INTO duty_shift (station_id, day, shift, staff_id) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT DO NOTHING";

  private DemoRoster() {}

  static void fillWeek(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Map<Integer, List<Integer>> byStation = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(PEOPLE);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byStation.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getInt(2));
        }
      }
      LocalDate today = LocalDate.now(ZoneId.systemDefault());
      Set<String> planned = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement(PLANNED)) {
        ps.setDate(1, Date.valueOf(today));
        ps.setDate(2, Date.valueOf(today.plusDays(DAYS - 1L)));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            planned.add(rs.getInt(1) + "/" + rs.getDate(2).toLocalDate());
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(ADD)) {
        for (Map.Entry<Integer, List<Integer>> station : byStation.entrySet()) {
          List<Integer> people = station.getValue();
          if (people.size() < 2) {
            continue;
          }
          for (int d = 0; d < DAYS; d++) {
            LocalDate day = today.plusDays(d);
            if (planned.contains(station.getKey() + "/" + day)) {
              continue;
            }
            // the first person works days; the others alternate between day and night
            List<Integer> rest = people.subList(1, people.size());
            int turn = (int) (day.toEpochDay() % rest.size());
            Integer partner = rest.size() > 1 ? rest.get(turn) : null;
            Integer night = rest.get((turn + 1) % rest.size());
            add(ps, station.getKey(), day, "day", people.get(0));
            if (partner != null) {
              add(ps, station.getKey(), day, "day", partner);
            }
            add(ps, station.getKey(), day, "night", night);
          }
        }
        ps.executeBatch();
      }
    }
  }

  private static void add(PreparedStatement ps, int station, LocalDate day, String shift, int staff)
      throws SQLException {
    ps.setInt(1, station);
    ps.setDate(2, Date.valueOf(day));
    ps.setString(3, shift);
    ps.setInt(4, staff);
    ps.addBatch();
  }
}

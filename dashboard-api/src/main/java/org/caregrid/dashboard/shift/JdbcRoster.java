package org.caregrid.dashboard.shift;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;

/** The roster in {@code duty_shift}, its people in {@code staff_user}. */
public final class JdbcRoster implements Roster {
  private static final String STATION = "SELECT 1 FROM station WHERE id = ?";
  private static final String MEMBERS =
      "SELECT id, login, display_name, role FROM staff_user"
          + " WHERE station_id = ? AND active AND role IN ('station_staff', 'station_lead')"
          + " ORDER BY role = 'station_lead' DESC, display_name, id";
  private static final String SLOTS =
      "SELECT d.day, d.shift, u.id, u.login, u.display_name, u.role"
          + " FROM duty_shift d JOIN staff_user u ON u.id = d.staff_id"
          + " WHERE d.station_id = ? AND d.day BETWEEN ? AND ?"
          + " ORDER BY d.day, d.shift, u.display_name, u.id";
  private static final String CLEAR =
      "DELETE FROM duty_shift WHERE station_id = ? AND day = ? AND shift = ?";
  private static final String ADD =
      "INSERT INTO duty_shift (station_id, day, shift, staff_id) VALUES (?, ?, ?, ?)";

  private final DataSource dataSource;

  public JdbcRoster(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<List<Member>> members(int stationId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return exists(c, stationId) ? Optional.of(members(c, stationId)) : Optional.empty();
    }
  }

  @Override
  public Optional<List<RosterSlot>> slots(int stationId, LocalDate from, int days)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (!exists(c, stationId)) {
        return Optional.empty();
      }
      return Optional.of(slots(c, stationId, from, from.plusDays(days - 1L)));
    }
  }

  /** What a transaction decided: the slot, or the first staff id that does not belong. */
  private record Assigned(Optional<RosterSlot> slot, Integer stranger) {}

  @Override
  public Optional<RosterSlot> assign(
      Principal who, int stationId, LocalDate day, Shift shift, List<Integer> staffIds)
      throws SQLException, NotAtStation {
    Assigned done =
        Transactions.run(
            dataSource,
            c -> {
              if (!exists(c, stationId)) {
                return new Assigned(Optional.empty(), null);
              }
              Set<Integer> staff = new HashSet<>();
              members(c, stationId).forEach(m -> staff.add(m.id()));
              for (int id : staffIds) {
                if (!staff.contains(id)) {
                  return new Assigned(Optional.empty(), id);
                }
              }
              replace(c, stationId, day, shift, staffIds);
              StaffAudit.record(
                  c,
                  who,
                  "roster.assign",
                  "station/" + stationId + "/roster/" + day + "/" + shift.code(),
                  new JsonObject().put("staffIds", new JsonArray(List.copyOf(staffIds))));
              List<RosterSlot> now = slots(c, stationId, day, day);
              return new Assigned(
                  Optional.of(
                      now.stream()
                          .filter(s -> s.shift() == shift)
                          .findFirst()
                          .orElse(new RosterSlot(day, shift, List.of()))),
                  null);
            });
    if (done.stranger() != null) {
      throw new NotAtStation(done.stranger());
    }
    return done.slot();
  }

  private static void replace(
      Connection c, int stationId, LocalDate day, Shift shift, List<Integer> staffIds)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(CLEAR)) {
      ps.setInt(1, stationId);
      ps.setDate(2, Date.valueOf(day));
      ps.setString(3, shift.code());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(ADD)) {
      for (int id : new HashSet<>(staffIds)) {
        ps.setInt(1, stationId);
        ps.setDate(2, Date.valueOf(day));
        ps.setString(3, shift.code());
        ps.setInt(4, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static boolean exists(Connection c, int stationId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(STATION)) {
      ps.setInt(1, stationId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static List<Member> members(Connection c, int stationId) throws SQLException {
    List<Member> members = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(MEMBERS)) {
      ps.setInt(1, stationId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          members.add(member(rs));
        }
      }
    }
    return members;
  }

  private static List<RosterSlot> slots(Connection c, int stationId, LocalDate from, LocalDate to)
      throws SQLException {
    Map<String, List<Member>> byShift = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(SLOTS)) {
      ps.setInt(1, stationId);
      ps.setDate(2, Date.valueOf(from));
      ps.setDate(3, Date.valueOf(to));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byShift
              .computeIfAbsent(
                  rs.getDate("day").toLocalDate() + "/" + rs.getString("shift"),
                  k -> new ArrayList<>())
              .add(member(rs));
        }
      }
    }
    List<RosterSlot> slots = new ArrayList<>();
    byShift.forEach(
        (key, staff) -> {
          String[] parts = key.split("/", 2);
          slots.add(
              new RosterSlot(
                  LocalDate.parse(parts[0]), Shift.fromCode(parts[1]).orElseThrow(), staff));
        });
    return slots;
  }

  private static Member member(ResultSet rs) throws SQLException {
    return new Member(
        rs.getInt("id"), rs.getString("login"), rs.getString("display_name"), rs.getString("role"));
  }
}

package org.caregrid.dashboard.shift;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;

/** Handover notes in {@code shift_handover}, their summaries collected by the given sections. */
public final class JdbcHandovers implements Handovers {
  private static final String STATION = "SELECT 1 FROM station WHERE id = ?";
  private static final String SELECT =
      "SELECT h.id, h.station_id, h.written_at, h.summary, h.note, h.acknowledged_at,"
          + " w.id AS w_id, w.login AS w_login, w.display_name AS w_name, w.role AS w_role,"
          + " a.id AS a_id, a.login AS a_login, a.display_name AS a_name, a.role AS a_role"
          + " FROM shift_handover h JOIN staff_user w ON w.id = h.written_by"
          + " LEFT JOIN staff_user a ON a.id = h.acknowledged_by";
  private static final String RECENT =
      SELECT
          + " WHERE h.station_id = ? AND (NOT ? OR h.acknowledged_at IS NULL)"
          + " ORDER BY h.written_at DESC, h.id DESC LIMIT ?";
  private static final String ONE = SELECT + " WHERE h.id = ?";
  private static final String INSERT =
      "INSERT INTO shift_handover (station_id, written_by, summary, note)"
          + " VALUES (?, ?, ?::jsonb, ?) RETURNING id";
  private static final String LOCK =
      "SELECT written_by, acknowledged_at FROM shift_handover"
          + " WHERE id = ? AND station_id = ? FOR UPDATE";
  private static final String ACKNOWLEDGE =
      "UPDATE shift_handover SET acknowledged_at = now(), acknowledged_by = ? WHERE id = ?";

  private final DataSource dataSource;
  private final List<HandoverSection> sections;

  public JdbcHandovers(DataSource dataSource, List<HandoverSection> sections) {
    this.dataSource = dataSource;
    this.sections = List.copyOf(sections);
  }

  @Override
  public Optional<List<Handover>> recent(int stationId, boolean pendingOnly, int limit)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (!exists(c, stationId)) {
        return Optional.empty();
      }
      List<Handover> notes = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(RECENT)) {
        ps.setInt(1, stationId);
        ps.setBoolean(2, pendingOnly);
        ps.setInt(3, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            notes.add(handover(rs));
          }
        }
      }
      return Optional.of(notes);
    }
  }

  @Override
  public Optional<JsonObject> draft(int stationId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return exists(c, stationId) ? Optional.of(summary(c, stationId)) : Optional.empty();
    }
  }

  @Override
  public Optional<Handover> write(Principal who, int stationId, String note) throws SQLException {
    return Transactions.run(
        dataSource,
        c -> {
          if (!exists(c, stationId)) {
            return Optional.empty();
          }
          JsonObject summary = summary(c, stationId);
          long id;
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setInt(1, stationId);
            ps.setInt(2, who.userId());
            ps.setString(3, summary.encode());
            ps.setString(4, note);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              id = rs.getLong(1);
            }
          }
          // counts only: the note's text may name residents, and the audit row is kept for years
          JsonObject detail = new JsonObject().put("stationId", stationId);
          sections.forEach(s -> detail.put(s.name(), summary.getJsonArray(s.name()).size()));
          StaffAudit.record(c, who, "handover.write", "handover/" + id, detail);
          return Optional.of(one(c, id));
        });
  }

  /** What a transaction decided: the note, or why it may not be acknowledged. */
  private record Acknowledged(Optional<Handover> handover, String refusal) {}

  @Override
  public Optional<Handover> acknowledge(Principal who, int stationId, long id)
      throws SQLException, Refusal {
    Acknowledged done =
        Transactions.run(
            dataSource,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(LOCK)) {
                ps.setLong(1, id);
                ps.setInt(2, stationId);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    return new Acknowledged(Optional.empty(), null);
                  }
                  if (rs.getTimestamp("acknowledged_at") != null) {
                    return new Acknowledged(
                        Optional.empty(), "the handover is acknowledged already");
                  }
                  if (rs.getInt("written_by") == who.userId()) {
                    return new Acknowledged(
                        Optional.empty(), "the incoming shift acknowledges, not the note's writer");
                  }
                }
              }
              try (PreparedStatement ps = c.prepareStatement(ACKNOWLEDGE)) {
                ps.setInt(1, who.userId());
                ps.setLong(2, id);
                ps.executeUpdate();
              }
              StaffAudit.record(
                  c,
                  who,
                  "handover.acknowledge",
                  "handover/" + id,
                  new JsonObject().put("stationId", stationId));
              return new Acknowledged(Optional.of(one(c, id)), null);
            });
    if (done.refusal() != null) {
      throw new Refusal(done.refusal());
    }
    return done.handover();
  }

  private JsonObject summary(Connection c, int stationId) throws SQLException {
    JsonObject summary = new JsonObject();
    for (HandoverSection s : sections) {
      summary.put(s.name(), s.collect(c, stationId));
    }
    return summary;
  }

  private static Handover one(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ONE)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return handover(rs);
      }
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

  private static Handover handover(ResultSet rs) throws SQLException {
    Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
    return new Handover(
        rs.getLong("id"),
        rs.getInt("station_id"),
        rs.getTimestamp("written_at").toInstant(),
        new Member(
            rs.getInt("w_id"),
            rs.getString("w_login"),
            rs.getString("w_name"),
            rs.getString("w_role")),
        new JsonObject(rs.getString("summary")),
        rs.getString("note"),
        acknowledged == null ? null : acknowledged.toInstant(),
        acknowledged == null
            ? null
            : new Member(
                rs.getInt("a_id"),
                rs.getString("a_login"),
                rs.getString("a_name"),
                rs.getString("a_role")));
  }
}

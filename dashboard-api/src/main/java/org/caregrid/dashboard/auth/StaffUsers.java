package org.caregrid.dashboard.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** Staff accounts in {@code staff_user}. Blocking: runs on the database worker pool only. */
public final class StaffUsers {
  /** Lower case, so that "Li.Wei" and "li.wei" cannot be two people. */
  private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

  /** The columns {@link #user} reads; {@code u} is staff_user, {@code st} its station. */
  static final String USER_COLUMNS =
      "u.id, u.login, u.display_name, u.role, u.station_id, st.name AS station_name";

  private static final String FIND =
      "SELECT "
          + USER_COLUMNS
          + ", u.password_hash FROM staff_user u LEFT JOIN station st ON st.id = u.station_id"
          + " WHERE u.login = ? AND u.active";

  private static final String INSERT =
      "INSERT INTO staff_user (login, display_name, password_hash, role, station_id)"
          + " VALUES (?, ?, ?, ?, ?) RETURNING id";

  private final DataSource dataSource;
  private final Passwords passwords;

  public StaffUsers(DataSource dataSource, Passwords passwords) {
    this.dataSource = dataSource;
    this.passwords = passwords;
  }

  /** A user and the hash their password must match. */
  public record Stored(StaffUser user, String passwordHash) {}

  /**
   * Creates an active user; the password is kept only as its hash.
   *
   * @param stationId the station of station staff and leads; null for the other roles
   * @return the new user's id
   * @throws IllegalArgumentException for a malformed login, a password out of bounds, or a role and
   *     station that do not fit together
   * @throws SQLException also when the login is taken (unique violation, SQLState 23505)
   */
  public int create(
      String login, String displayName, StaffRole role, Integer stationId, String password)
      throws SQLException {
    String normal = normalLogin(login);
    if (!LOGIN.matcher(normal).matches()) {
      throw new IllegalArgumentException(
          "a login is 2..64 characters: letters, digits, '.', '_' or '-'");
    }
    if (displayName == null || displayName.isBlank()) {
      throw new IllegalArgumentException("the display name is empty");
    }
    if (role.atOneStation() != (stationId != null)) {
      throw new IllegalArgumentException(
          role.code() + (role.atOneStation() ? " needs a station" : " has no station"));
    }
    String hash = passwords.hash(password);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, normal);
      ps.setString(2, displayName.strip());
      ps.setString(3, hash);
      ps.setString(4, role.code());
      if (stationId == null) {
        ps.setNull(5, Types.INTEGER);
      } else {
        ps.setInt(5, stationId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** The active user with this login, if any. */
  public Optional<Stored> find(String login) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setString(1, normalLogin(login));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Stored(user(rs), rs.getString("password_hash")))
            : Optional.empty();
      }
    }
  }

  /** Reads a row selected with {@link #USER_COLUMNS}. */
  static StaffUser user(ResultSet rs) throws SQLException {
    int station = rs.getInt("station_id");
    Integer stationId = rs.wasNull() ? null : station;
    return new StaffUser(
        new Principal(
            rs.getInt("id"),
            rs.getString("login"),
            rs.getString("display_name"),
            StaffRole.fromCode(rs.getString("role")),
            stationId),
        rs.getString("station_name"));
  }

  static String normalLogin(String login) {
    return login.strip().toLowerCase(Locale.ROOT);
  }
}

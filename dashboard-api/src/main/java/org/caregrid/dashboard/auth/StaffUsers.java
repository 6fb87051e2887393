package org.caregrid.dashboard.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;

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
   * A user to create.
   *
   * @param stationId the station of station staff and leads; null for the other roles
   */
  public record NewUser(String login, String displayName, StaffRole role, Integer stationId) {}

  /**
   * Creates an active user; the password is kept only as its hash.
   *
   * @return the new user's id
   * @throws IllegalArgumentException for a malformed login, a password out of bounds, or a role and
   *     station that do not fit together
   * @throws SQLException also when the login is taken (unique violation, SQLState 23505)
   */
  public int create(NewUser user, String password) throws SQLException {
    check(user);
    String hash = passwords.hash(password);
    try (Connection c = dataSource.getConnection()) {
      return insert(c, user, hash);
    }
  }

  /**
   * Creates several users with one password in one transaction, hashing it once: the demo's users,
   * whose shared password is documented anyway.
   */
  public void createAll(List<NewUser> users, String password) throws SQLException {
    users.forEach(StaffUsers::check);
    String hash = passwords.hash(password);
    Transactions.run(
        dataSource,
        c -> {
          for (NewUser u : users) {
            insert(c, u, hash);
          }
          return null;
        });
  }

  /**
   * Creates a family doctor and their account in one transaction: the doctor's row, which residents
   * sign with ({@code resident.family_doctor_id}), and a {@code family_doctor} user who reads them
   * over FHIR.
   *
   * @return the doctor's id (not the user's)
   */
  public int createDoctor(String login, String name, String clinic, String phone, String password)
      throws SQLException {
    NewUser user = new NewUser(login, name, StaffRole.FAMILY_DOCTOR, null);
    if (!LOGIN.matcher(normalLogin(login)).matches() || name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "a doctor needs a login (2..64 of a-z 0-9 . _ -) and a name");
    }
    String hash = passwords.hash(password);
    return Transactions.run(
        dataSource,
        c -> {
          int doctor;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO family_doctor (name, clinic, phone) VALUES (?, ?, ?) RETURNING id")) {
            ps.setString(1, name.strip());
            ps.setString(2, clinic == null ? "" : clinic.strip());
            ps.setString(3, phone == null ? "" : phone.strip());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              doctor = rs.getInt(1);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO staff_user (login, display_name, password_hash, role,"
                      + " family_doctor_id) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, normalLogin(user.login()));
            ps.setString(2, user.displayName().strip());
            ps.setString(3, hash);
            ps.setString(4, user.role().code());
            ps.setInt(5, doctor);
            ps.executeUpdate();
          }
          return doctor;
        });
  }

  /** The id of the station with this code, if there is one. */
  public Optional<Integer> stationId(String code) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id FROM station WHERE code = ?")) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
      }
    }
  }

  private static void check(NewUser user) {
    if (!LOGIN.matcher(normalLogin(user.login())).matches()) {
      throw new IllegalArgumentException(
          "a login is 2..64 characters: letters, digits, '.', '_' or '-'");
    }
    if (user.displayName() == null || user.displayName().isBlank()) {
      throw new IllegalArgumentException("the display name is empty");
    }
    if (user.role().atOneStation() && user.stationId() == null) {
      throw new IllegalArgumentException(user.role().code() + " needs a station");
    }
    if (!user.role().mayHaveStation() && user.stationId() != null) {
      throw new IllegalArgumentException(user.role().code() + " has no station");
    }
    if (user.role() == StaffRole.FAMILY_DOCTOR) {
      throw new IllegalArgumentException("a family doctor's account is made with their doctor");
    }
  }

  private static int insert(Connection c, NewUser user, String hash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, normalLogin(user.login()));
      ps.setString(2, user.displayName().strip());
      ps.setString(3, hash);
      ps.setString(4, user.role().code());
      if (user.stationId() == null) {
        ps.setNull(5, Types.INTEGER);
      } else {
        ps.setInt(5, user.stationId());
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

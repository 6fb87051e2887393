package org.caregrid.dashboard.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Bearer tokens with which a system reads on an account's behalf: the city platform's feed reader,
 * a doctor's practice system. Only a SHA-256 of each token is stored, as for sessions; a token
 * works while it is neither revoked nor expired and its account is active, and only for roles that
 * {@link StaffRole#takesTokens take tokens}. Blocking: runs on the database worker pool only.
 */
public final class ApiTokens {
  /** Tokens start with this, so that a leaked one is easy to recognise in a scan. */
  public static final String PREFIX = "cgt_";

  private static final String FIND =
      "UPDATE api_token t SET last_used_at = now() FROM staff_user u LEFT JOIN station st"
          + " ON st.id = u.station_id WHERE t.token_hash = ? AND u.id = t.user_id AND u.active"
          + " AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())"
          + " RETURNING "
          + StaffUsers.USER_COLUMNS;
  private static final String INSERT =
      "INSERT INTO api_token (token_hash, user_id, label, expires_at)"
          + " SELECT ?, id, ?, ? FROM staff_user WHERE login = ? AND active AND role = ANY (?)"
          + " RETURNING user_id";

  private final DataSource dataSource;

  public ApiTokens(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The account a token reads for; empty for an unknown, revoked or expired token. */
  public Optional<Principal> principal(String token) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setBytes(1, SessionTokens.digest(token));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Principal p = StaffUsers.user(rs).principal();
        return p.role().takesTokens() ? Optional.of(p) : Optional.empty();
      }
    }
  }

  /**
   * Issues a token for the active account {@code login}; the token is returned once and never
   * stored.
   *
   * @param expiresAt null for a token that works until revoked
   * @throws IllegalArgumentException when there is no such account, or its role takes no tokens
   */
  public String issue(String login, String label, Instant expiresAt) throws SQLException {
    String token = PREFIX + SessionTokens.random();
    String[] roles =
        java.util.Arrays.stream(StaffRole.values())
            .filter(StaffRole::takesTokens)
            .map(StaffRole::code)
            .toArray(String[]::new);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setBytes(1, SessionTokens.digest(token));
      ps.setString(2, label);
      ps.setTimestamp(3, expiresAt == null ? null : Timestamp.from(expiresAt));
      ps.setString(4, StaffUsers.normalLogin(login));
      ps.setArray(5, c.createArrayOf("text", roles));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException(
              "no active city_platform or family_doctor account " + login);
        }
      }
    }
    return token;
  }
}

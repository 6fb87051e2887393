package org.caregrid.dashboard.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Signed-in sessions in {@code staff_session} (docs/decisions/0005): any node can check one, and
 * they outlive a restart. Times are the database's, so that nodes with skewed clocks agree.
 * Blocking: runs on the database worker pool only.
 */
public final class Sessions {
  private static final String INSERT =
      "INSERT INTO staff_session (token_hash, user_id, csrf_token, expires_at)"
          + " VALUES (?, ?, ?, now() + ? * interval '1 second')";

  private static final String PURGE = "DELETE FROM staff_session WHERE expires_at < now()";

  /** Checks and extends the session in one round trip; a disabled user's sessions stop working. */
  private static final String TOUCH =
      "UPDATE staff_session s SET last_used_at = now(),"
          + " expires_at = least(now() + ? * interval '1 second',"
          + " s.created_at + ? * interval '1 second')"
          + " FROM staff_user u LEFT JOIN station st ON st.id = u.station_id"
          + " WHERE s.token_hash = ? AND s.expires_at > now()"
          + " AND s.created_at + ? * interval '1 second' > now() AND u.id = s.user_id AND u.active"
          + " RETURNING s.csrf_token, "
          + StaffUsers.USER_COLUMNS;

  /** As {@link #TOUCH} checks, without extending the session. */
  private static final String ALIVE =
      "SELECT 1 FROM staff_session s JOIN staff_user u ON u.id = s.user_id"
          + " WHERE s.token_hash = ? AND s.expires_at > now()"
          + " AND s.created_at + ? * interval '1 second' > now() AND u.active";

  private static final String DELETE = "DELETE FROM staff_session WHERE token_hash = ?";

  private final DataSource dataSource;
  private final long idleSeconds;
  private final long maxLifetimeSeconds;

  public Sessions(DataSource dataSource, Duration idleTimeout, Duration maxLifetime) {
    this.dataSource = dataSource;
    this.idleSeconds = Math.max(1, idleTimeout.toSeconds());
    this.maxLifetimeSeconds = Math.max(idleSeconds, maxLifetime.toSeconds());
  }

  /** A signed-in user and the CSRF token their writes must carry. */
  public record Session(StaffUser user, String csrfToken) {}

  /** A new session; {@code token} goes into the cookie and is not kept anywhere on our side. */
  public record Opened(String token, Session session) {}

  /** Opens a session for {@code user}, and forgets sessions that have expired. */
  public Opened open(StaffUser user) throws SQLException {
    String token = SessionTokens.random();
    String csrf = SessionTokens.random();
    try (Connection c = dataSource.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate(PURGE);
      }
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        ps.setBytes(1, SessionTokens.digest(token));
        ps.setInt(2, user.principal().userId());
        ps.setString(3, csrf);
        ps.setLong(4, idleSeconds);
        ps.executeUpdate();
      }
    }
    return new Opened(token, new Session(user, csrf));
  }

  /** The live session of {@code token}, its idle timeout restarted; empty when unknown or over. */
  public Optional<Session> touch(String token) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(TOUCH)) {
      ps.setLong(1, idleSeconds);
      ps.setLong(2, maxLifetimeSeconds);
      ps.setBytes(3, SessionTokens.digest(token));
      ps.setLong(4, maxLifetimeSeconds);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Session(StaffUsers.user(rs), rs.getString("csrf_token")))
            : Optional.empty();
      }
    }
  }

  /**
   * Whether the session of {@code token} is still live: not signed out, not expired, its user not
   * disabled. Unlike {@link #touch} it does not restart the idle timeout, so an open live stream
   * alone does not keep a session signed in.
   */
  public boolean alive(String token) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(ALIVE)) {
      ps.setBytes(1, SessionTokens.digest(token));
      ps.setLong(2, maxLifetimeSeconds);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Ends the session of {@code token}; nothing happens when it has ended already. */
  public void close(String token) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(DELETE)) {
      ps.setBytes(1, SessionTokens.digest(token));
      ps.executeUpdate();
    }
  }
}

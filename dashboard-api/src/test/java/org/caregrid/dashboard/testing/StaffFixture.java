package org.caregrid.dashboard.testing;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.caregrid.dashboard.auth.Passwords;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.auth.StaffUsers;

/**
 * Creates staff users directly in the database, each with the password {@link #PASSWORD}. Hashes
 * use the cheapest bcrypt cost so that tests stay quick; sign-in checks any cost.
 *
 * <pre>{@code
 * int station = new RegistryFixture(ds).station("A", "community", 0, 40.6, 109.9, 5);
 * StaffFixture staff = new StaffFixture(ds);
 * StaffFixture.User nurse = staff.stationStaff(station);
 * ApiClient client = dashboard.client();
 * client.login(nurse.login(), nurse.password());
 * }</pre>
 */
public final class StaffFixture {
  public static final String PASSWORD = "known-test-password";

  private static final AtomicInteger NEXT = new AtomicInteger();

  private final StaffUsers users;

  public StaffFixture(DataSource dataSource) {
    this.users = new StaffUsers(dataSource, new Passwords(4));
  }

  /**
   * A created user.
   *
   * @param stationId null for district and programme admins
   */
  public record User(int id, String login, String password, StaffRole role, Integer stationId) {}

  /** Handles the help requests of {@code stationId}. */
  public User stationStaff(int stationId) throws SQLException {
    return user(StaffRole.STATION_STAFF, stationId);
  }

  /** Station staff who may also set the station's duty. */
  public User stationLead(int stationId) throws SQLException {
    return user(StaffRole.STATION_LEAD, stationId);
  }

  public User districtAdmin() throws SQLException {
    return user(StaffRole.DISTRICT_ADMIN, null);
  }

  public User programmeAdmin() throws SQLException {
    return user(StaffRole.PROGRAMME_ADMIN, null);
  }

  /** A user with a generated, unique login such as {@code station_staff.7}. */
  public User user(StaffRole role, Integer stationId) throws SQLException {
    return user(role.code() + "." + NEXT.incrementAndGet(), role, stationId);
  }

  /** A user with the given login (lower case letters, digits, '.', '_', '-'). */
  public User user(String login, StaffRole role, Integer stationId) throws SQLException {
    return user(login, "Test " + login, role, stationId);
  }

  /** A user with the given login and the name the console shows for them. */
  public User user(String login, String displayName, StaffRole role, Integer stationId)
      throws SQLException {
    int id = users.create(new StaffUsers.NewUser(login, displayName, role, stationId), PASSWORD);
    return new User(id, login, PASSWORD, role, stationId);
  }
}

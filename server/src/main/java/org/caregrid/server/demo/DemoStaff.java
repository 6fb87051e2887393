package org.caregrid.server.demo;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.caregrid.dashboard.auth.Passwords;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.auth.StaffUsers;
import org.caregrid.sim.district.District;

/**
 * The demo's console users, all with the password {@link #PASSWORD} (README): a district admin, a
 * programme admin, and a staff member and a lead at each community station. Created once, like the
 * district, so users added later are kept.
 */
final class DemoStaff {
  /** Printed at start and in the README; the demo runs on the user's own machine only. */
  static final String PASSWORD = "caregrid-demo";

  static final String DISTRICT_ADMIN = "district.admin";
  static final String PROGRAMME_ADMIN = "programme.admin";

  private DemoStaff() {}

  /** Returns whether the users were created now (false: the database has users already). */
  static boolean createOnce(DataSource dataSource, District district, int bcryptCost)
      throws SQLException {
    StaffUsers users = new StaffUsers(dataSource, new Passwords(bcryptCost));
    if (users.find(DISTRICT_ADMIN).isPresent() || users.find(PROGRAMME_ADMIN).isPresent()) {
      return false;
    }
    List<StaffUsers.NewUser> all = new ArrayList<>();
    all.add(new StaffUsers.NewUser(DISTRICT_ADMIN, "区管理员", StaffRole.DISTRICT_ADMIN, null));
    all.add(new StaffUsers.NewUser(PROGRAMME_ADMIN, "项目管理员", StaffRole.PROGRAMME_ADMIN, null));
    for (District.Station st : district.stations()) {
      if (!st.tier().equals("community")) {
        continue;
      }
      int id = users.stationId(st.code()).orElseThrow();
      String prefix = st.code().toLowerCase(Locale.ROOT);
      all.add(
          new StaffUsers.NewUser(
              prefix + ".staff", st.name() + "值班员", StaffRole.STATION_STAFF, id));
      all.add(
          new StaffUsers.NewUser(prefix + ".lead", st.name() + "站长", StaffRole.STATION_LEAD, id));
    }
    users.createAll(all, PASSWORD);
    return true;
  }

  /** One line for the start-up log: how to sign in. */
  static String signInHint(District district) {
    String example =
        district.stations().stream()
            .filter(s -> s.tier().equals("community"))
            .findFirst()
            .map(s -> ", " + s.code().toLowerCase(Locale.ROOT) + ".staff / .lead")
            .orElse("");
    return "Console users (password '"
        + PASSWORD
        + "'): "
        + DISTRICT_ADMIN
        + ", "
        + PROGRAMME_ADMIN
        + example
        + " (<station code>.staff and .lead for every community station)";
  }
}

package org.caregrid.server.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.caregrid.dashboard.auth.ApiTokens;
import org.caregrid.dashboard.auth.Passwords;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.auth.StaffUsers;
import org.caregrid.sim.district.District;

/**
 * The demo's accounts for the screens and systems around the console, made once with the demo
 * password: the big screen's kiosk, a family doctor with every other resident signed with them, and
 * the city platform (street-centre staff are named people, {@link DemoStaff}). At each start the
 * doctor and the city get a fresh token for 12 hours, printed with the sign-in hint.
 */
final class DemoAccounts {
  static final String KIOSK = "bigscreen.kiosk";
  static final String DOCTOR = "dr.demo";
  static final String CITY = "city.platform";
  private static final Duration TOKENS_LAST = Duration.ofHours(12);

  private DemoAccounts() {}

  static void createOnce(DataSource dataSource, int bcryptCost) throws SQLException {
    StaffUsers users = new StaffUsers(dataSource, new Passwords(bcryptCost));
    if (users.find(KIOSK).isPresent()) {
      return;
    }
    // one bcrypt hash for all of them, as DemoStaff does: at cost 12 each would take a second
    List<StaffUsers.NewUser> all = new ArrayList<>();
    all.add(new StaffUsers.NewUser(KIOSK, "指挥中心大屏", StaffRole.KIOSK, null));
    all.add(new StaffUsers.NewUser(CITY, "市级平台", StaffRole.CITY_PLATFORM, null));
    users.createAll(all, DemoStaff.PASSWORD);
    int doctor = users.createDoctor(DOCTOR, "演示家庭医生", "社区卫生服务中心", "", DemoStaff.PASSWORD);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("UPDATE resident SET family_doctor_id = ? WHERE id % 2 = 1")) {
      ps.setInt(1, doctor);
      ps.executeUpdate();
    }
  }

  /** Lines for the start-up log: the big screen, and tokens for FHIR and the city feed. */
  static String hint(DataSource dataSource, District district, String url) throws SQLException {
    ApiTokens tokens = new ApiTokens(dataSource);
    Instant expires = Instant.now().plus(TOKENS_LAST);
    return "Big screen: "
        + url
        + "bigscreen.html (sign in as "
        + KIOSK
        + "); street centres: "
        + DemoStaff.firstAt(district, "street").map(DemoStaff.Person::login).orElse("-")
        + " and others\n  "
        + "FHIR for "
        + DOCTOR
        + " (12 h): curl -H 'Authorization: Bearer "
        + tokens.issue(DOCTOR, "demo", expires)
        + "' "
        + url
        + "fhir/r4/Patient\n  "
        + "City feed (12 h): curl -H 'Authorization: Bearer "
        + tokens.issue(CITY, "demo", expires)
        + "' "
        + url
        + "api/v1/tier/records";
  }
}

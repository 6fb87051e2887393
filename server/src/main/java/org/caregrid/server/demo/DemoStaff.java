package org.caregrid.server.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.caregrid.dashboard.auth.Passwords;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.auth.StaffUsers;
import org.caregrid.sim.district.District;

/**
 * The demo's console users, all with the password {@link #PASSWORD} (README): a district admin, a
 * programme admin, and named people who each sign in as themselves: at each community station a
 * lead and two staff, at each street centre two staff. Created once, like the district, so users
 * added later are kept.
 */
final class DemoStaff {
  /** Printed at start and in the README; the demo runs on the user's own machine only. */
  static final String PASSWORD = "caregrid-demo";

  static final String DISTRICT_ADMIN = "district.admin";
  static final String PROGRAMME_ADMIN = "programme.admin";

  // Common surnames and given names with their pinyin. 23 given names (a prime) against 12
  // surnames give 276 different people before a login needs a number.
  private static final String[][] SURNAMES = {
    {"王", "wang"}, {"李", "li"}, {"张", "zhang"}, {"刘", "liu"}, {"陈", "chen"}, {"杨", "yang"},
    {"赵", "zhao"}, {"黄", "huang"}, {"周", "zhou"}, {"吴", "wu"}, {"徐", "xu"}, {"孙", "sun"}
  };
  private static final String[][] GIVEN = {
    {"芳", "fang"},
    {"娜", "na"},
    {"伟", "wei"},
    {"敏", "min"},
    {"静", "jing"},
    {"丽", "li"},
    {"强", "qiang"},
    {"磊", "lei"},
    {"军", "jun"},
    {"洋", "yang"},
    {"勇", "yong"},
    {"艳", "yan"},
    {"杰", "jie"},
    {"娟", "juan"},
    {"涛", "tao"},
    {"明", "ming"},
    {"超", "chao"},
    {"秀英", "xiuying"},
    {"霞", "xia"},
    {"平", "ping"},
    {"刚", "gang"},
    {"桂英", "guiying"},
    {"华", "hua"}
  };

  /** One of the demo's staff, at the station with {@code stationCode}. */
  record Person(String login, String name, StaffRole role, String stationCode) {}

  private DemoStaff() {}

  /**
   * Creates the admins and the named people, each group once, and switches off the shared station
   * accounts ({@code s1c1.staff}, {@code s1c1.lead}, {@code s1.staff}...) that earlier demos made,
   * so that a demo started on older data has the same users as a new one.
   */
  static void createOnce(DataSource dataSource, District district, int bcryptCost)
      throws SQLException {
    StaffUsers users = new StaffUsers(dataSource, new Passwords(bcryptCost));
    List<StaffUsers.NewUser> all = new ArrayList<>();
    if (users.find(DISTRICT_ADMIN).isEmpty() && users.find(PROGRAMME_ADMIN).isEmpty()) {
      all.add(new StaffUsers.NewUser(DISTRICT_ADMIN, "区管理员", StaffRole.DISTRICT_ADMIN, null));
      all.add(new StaffUsers.NewUser(PROGRAMME_ADMIN, "项目管理员", StaffRole.PROGRAMME_ADMIN, null));
    }
    List<Person> people = people(district);
    // by login, active or not: a person switched off in the console stays off
    if (!people.isEmpty() && !exists(dataSource, people.get(0).login())) {
      for (Person p : people) {
        all.add(
            new StaffUsers.NewUser(
                p.login(), p.name(), p.role(), users.stationId(p.stationCode()).orElseThrow()));
      }
    }
    if (!all.isEmpty()) {
      users.createAll(all, PASSWORD);
    }
    retireSharedAccounts(dataSource, district);
  }

  private static boolean exists(DataSource dataSource, String login) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM staff_user WHERE login = ?")) {
      ps.setString(1, login);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void retireSharedAccounts(DataSource dataSource, District district)
      throws SQLException {
    List<String> shared = new ArrayList<>();
    for (District.Station st : district.stations()) {
      String prefix = st.code().toLowerCase(Locale.ROOT);
      shared.add(prefix + ".staff");
      shared.add(prefix + ".lead");
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE staff_user SET active = false WHERE active AND login = ANY (?)")) {
      ps.setArray(1, c.createArrayOf("text", shared.toArray()));
      ps.executeUpdate();
    }
  }

  /**
   * The named staff, the same for the same district: each community station's lead first, then its
   * two staff; then two staff at each street centre.
   */
  static List<Person> people(District district) {
    List<Person> people = new ArrayList<>();
    for (District.Station st : district.stations("community")) {
      people.add(person(people.size(), StaffRole.STATION_LEAD, st));
      people.add(person(people.size(), StaffRole.STATION_STAFF, st));
      people.add(person(people.size(), StaffRole.STATION_STAFF, st));
    }
    for (District.Station st : district.stations("street")) {
      people.add(person(people.size(), StaffRole.STATION_STAFF, st));
      people.add(person(people.size(), StaffRole.STATION_STAFF, st));
    }
    return people;
  }

  /** The first person at a station of {@code tier}. */
  static Optional<Person> firstAt(District district, String tier) {
    Set<String> codes =
        district.stations(tier).stream().map(District.Station::code).collect(Collectors.toSet());
    return people(district).stream().filter(p -> codes.contains(p.stationCode())).findFirst();
  }

  private static Person person(int k, StaffRole role, District.Station station) {
    String[] surname = SURNAMES[k % SURNAMES.length];
    // stepping the given name by one more each round of surnames keeps every pair different
    String[] given = GIVEN[(k / SURNAMES.length + k) % GIVEN.length];
    int round = k / (SURNAMES.length * GIVEN.length);
    String login = surname[1] + "." + given[1] + (round == 0 ? "" : String.valueOf(round + 1));
    return new Person(login, surname[0] + given[0], role, station.code());
  }

  /** One line for the start-up log: how to sign in. */
  static String signInHint(District district) {
    List<Person> people = people(district);
    String example =
        people.stream()
            .filter(p -> p.role() == StaffRole.STATION_LEAD)
            .findFirst()
            .map(
                lead -> {
                  String code = lead.stationCode();
                  List<String> logins =
                      people.stream()
                          .filter(p -> p.stationCode().equals(code))
                          .map(Person::login)
                          .toList();
                  return ", at station "
                      + code.toLowerCase(Locale.ROOT)
                      + " its lead "
                      + logins.get(0)
                      + " and staff "
                      + String.join(", ", logins.subList(1, logins.size()));
                })
            .orElse("");
    return "Console users (password '"
        + PASSWORD
        + "'): "
        + DISTRICT_ADMIN
        + ", "
        + PROGRAMME_ADMIN
        + example
        + " (every station's people are on its Shifts page)";
  }
}

package org.caregrid.server.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.server.RetainedStatuses;
import org.caregrid.sim.district.District;
import org.caregrid.sim.district.DistrictEnrolment;
import org.caregrid.sim.district.DistrictGenerator;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every page of the console and the big screen, in 简体中文 and English, on a desktop (1440×900) and a
 * phone (390×844), over the simulated district with an SOS and a racing pulse open: no page is
 * wider than the phone, and in Chinese no Latin word reaches the user except ids, units, the
 * product's name and the language switch. Screenshots of each go to {@code target/screenshots}.
 */
@Timeout(300)
class PhoneAndLanguageBrowserIT {
  // as many as the demo: more than a page of residents, a few hundred devices
  private static final int HOMES = 61;
  // what may stay Latin in Chinese: the language switch, the product, display units, ACVPU letters
  private static final Set<String> LATIN_ALLOWED =
      Set.of("English", "CareGrid", "mmHg", "kg", "km");
  // ids (sos-00000, s1c1.staff, NEWS2) hold a digit, a dash, a dot or an underscore
  private static final Pattern ID = Pattern.compile(".*[0-9._\\-].*");
  private static final String WORDS =
      "() => [document.body.innerText, document.title,"
          + " ...[...document.querySelectorAll('[title]')].map((e) => e.title)].join('\\n')";

  // map labels that stick out of the map or overlap another label
  private static final String LABELS =
      "() => { const map = document.querySelector('svg.map').getBoundingClientRect();"
          + " const boxes = [...document.querySelectorAll('svg.map text.label')]"
          + "   .map((t) => [t.textContent, t.getBoundingClientRect()]);"
          + " const bad = boxes.filter(([, b]) => b.left < map.left || b.right > map.right"
          + "   || b.top < map.top || b.bottom > map.bottom).map(([n]) => n + ' cut');"
          + " boxes.forEach(([n, a], i) => boxes.slice(i + 1).forEach(([m, b]) => {"
          + "   if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)"
          + "     bad.push(n + ' over ' + m); }));"
          + " return bad.join('; '); }";

  private ConsolePlatform platform;
  private HikariDataSource db;
  private final SoftAssertions soft = new SoftAssertions();
  private long sos;
  private long vital;
  private int resident;
  private StaffFixture staff;
  private long ownResidents;

  @BeforeEach
  void start() throws Exception {
    platform = ConsolePlatform.prepare();
    db = platform.db();
    District district = new DistrictGenerator(7).generate(HOMES);
    DistrictEnrolment.enrolOnce(db, district);
    RetainedStatuses.clear(TestServices.broker().url(), district);
    // three living alone, none of them ever seen: "no data yet" on the report, not inactive
    Sql.execute(db, "UPDATE resident SET lives_alone = (id % 2 = 1)");
    staff = new StaffFixture(db);
    staff.user("district.admin", "区管理员", StaffRole.DISTRICT_ADMIN, null);
    staff.user("programme.admin", "项目管理员", StaffRole.PROGRAMME_ADMIN, null);
    staff.user("command.kiosk", "指挥中心大屏", StaffRole.KIOSK, null);
    platform.start(UnaryOperator.identity());

    // the first home (S1C1's) presses SOS and its bed reports a pulse of 150 for a minute
    long now = System.currentTimeMillis();
    platform
        .devices()
        .publish("care/sos-00000/event", "{\"ts\":%d,\"seq\":1,\"type\":\"sos\"}".formatted(now));
    platform
        .devices()
        .publish(
            "care/sos-00000/telemetry",
            "{\"ts\":%d,\"seq\":2,\"m\":{\"battery\":87}}".formatted(now - 1000));
    for (int i = 0; i < 5; i++) {
      platform
          .devices()
          .publish(
              "care/bed-00000/telemetry",
              "{\"ts\":%d,\"seq\":%d,\"m\":{\"hr\":150,\"rr\":15,\"in_bed\":1,\"movement\":4}}"
                  .formatted(now - 40_000 + i * 10_000L, i + 1));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Sql.count(db, "SELECT count(*) FROM alert WHERE kind IN ('sos', 'vital_limit')")
                    == 2);
    sos = Sql.count(db, "SELECT id FROM alert WHERE kind = 'sos'");
    vital = Sql.count(db, "SELECT id FROM alert WHERE kind = 'vital_limit'");
    resident = (int) Sql.count(db, "SELECT resident_id FROM alert WHERE kind = 'sos'");
    // staff of the station the SOS went to, whichever community's is nearest the home
    int station = (int) Sql.count(db, "SELECT station_id FROM alert WHERE kind = 'sos'");
    staff.user("station.staff", "值班员", StaffRole.STATION_STAFF, station);
    ownResidents =
        Sql.count(
            db,
            "SELECT count(*) FROM resident r JOIN home h ON h.id = r.home_id WHERE h.station_id = "
                + station
                + " OR r.id = "
                + resident);
  }

  @AfterEach
  void stop() throws Exception {
    platform.close();
  }

  @Test
  void everyPageFitsAPhoneAndSpeaksChineseInChinese() throws Exception {
    for (String lang : List.of("zh", "en")) {
      for (int[] size : List.of(new int[] {1440, 900}, new int[] {390, 844})) {
        tour(lang, size[0], size[1]);
      }
    }
    soft.assertAll();
  }

  private void tour(String lang, int width, int height) {
    String base = platform.base();
    Page page = platform.newPage(width, height);
    page.addInitScript("localStorage.setItem('caregrid.lang', '" + lang + "')");
    String at = lang + "-" + width + "-";

    page.navigate(base);
    assertThat(page.locator("form.login")).isVisible();
    check(page, at + "01-login", lang, width);
    signIn(page, "station.staff");
    assertThat(page.locator("button.start-shift")).isVisible();
    check(page, at + "02-shift", lang, width);
    page.locator("button.start-shift").click();

    // the station's queue: the SOS with its accept button within the screen
    Locator sosRow = page.locator("[data-alert-id='" + sos + "']");
    assertThat(sosRow).isVisible();
    Locator accept = sosRow.locator("button.accept");
    assertThat(accept).isVisible();
    soft.assertThat(accept.boundingBox().x + accept.boundingBox().width)
        .as("%s accept button within the screen", at)
        .isLessThanOrEqualTo(width);
    check(page, at + "03-queue", lang, width);

    page.navigate(base + "#/alert/" + sos);
    assertThat(page.locator("header.alert-head")).isVisible();
    assertThat(page.locator(".audit-box li").first()).isVisible();
    if (lang.equals("zh")) {
      assertThat(page.locator("p.detail")).containsText("呼叫挂件 sos-00000 发出紧急呼叫");
      assertThat(page.locator("header.alert-head")).containsText("触发 1 次");
      assertThat(page.locator(".stations")).containsText("首次派送");
    } else {
      assertThat(page.locator("header.alert-head")).containsText("1 activation");
    }
    check(page, at + "04-alert-sos", lang, width);
    soft.assertThat((String) page.evaluate(LABELS)).as("%s map labels", at).isEmpty();

    page.navigate(base + "#/alert/" + vital);
    assertThat(page.locator("p.detail")).isVisible();
    if (lang.equals("zh")) {
      assertThat(page.locator("p.detail")).containsText("次/分");
      assertThat(page.locator("p.detail")).containsText("心率");
    }
    check(page, at + "05-alert-vital", lang, width);

    // station staff see their community's residents, not only those with an alert
    page.navigate(base + "#/residents");
    assertThat(page.locator(".page table a").first()).isVisible();
    assertThat(page.locator(".residents-page tbody tr")).hasCount((int) ownResidents);
    soft.assertThat(ownResidents).as("residents of the station's community").isGreaterThan(1);
    check(page, at + "06-residents", lang, width);

    page.navigate(base + "#/resident/" + resident);
    assertThat(page.locator(".resident-page h2")).isVisible();
    assertThat(page.locator(".resident-page .charts-box")).isVisible();
    assertThat(page.locator(".resident-page"))
        .not()
        .containsText(lang.equals("zh") ? "加载中" : "Loading");
    check(page, at + "07-resident", lang, width);

    page.navigate(base + "#/tiers");
    assertThat(page.locator("table.tiers")).isVisible();
    check(page, at + "08-tiers", lang, width);
    page.locator("button.logout").click();

    signIn(page, "district.admin");
    page.locator("button.start-shift").click();
    assertThat(page.locator("nav a")).hasCount(7);
    check(page, at + "09-admin-queue", lang, width);
    // every resident, a page at a time with the total
    page.navigate(base + "#/residents");
    Locator count = page.locator(".residents-page .count");
    assertThat(count).containsText(lang.equals("zh") ? "共 " + HOMES + " 位" : "of " + HOMES);
    page.locator(".residents-page button.next").click();
    assertThat(page.locator(".residents-page tbody tr")).hasCount(HOMES - 50);
    check(page, at + "10-residents-page-2", lang, width);

    // the fleet by station and home, folded: names, not "#1", and the battery reported
    page.navigate(base + "#/fleet");
    assertThat(page.locator("details.station-group"))
        .hasCount((int) Sql.count(db, "SELECT count(DISTINCT station_id) FROM home"));
    check(page, at + "11-fleet", lang, width);
    soft.assertThat(((Number) page.evaluate("() => document.body.scrollHeight")).intValue())
        .as("%s fleet page height", at)
        .isLessThan(3 * height);
    page.locator("select[name=kind]").selectOption("sos_pendant");
    Locator pendant =
        page.locator("tr[data-device-id]", new Page.LocatorOptions().setHasText("sos-00000"));
    assertThat(pendant).containsText("87 %");
    assertThat(page.locator("tr.home-row").first()).not().containsText("#");
    page.navigate(base + "#/report");
    assertThat(page.locator(".report-page .tile").first()).isVisible();
    // whole beds a programme year; residents never seen are "no data yet", not inactive
    assertThat(page.locator(".report-page .tile.beds .tile-value")).hasText(HOMES + " / 10");
    assertThat(page.locator(".report-page .no-data-yet")).isVisible();
    assertThat(page.locator(".report-page table.alone")).hasCount(0);
    if (lang.equals("zh")) {
      assertThat(page.locator(".report-page a[download]"))
          .hasAttribute("href", Pattern.compile(".*lang=zh.*"));
    }
    check(page, at + "12-report", lang, width);
    page.navigate(base + "#/tiers/S1");
    assertThat(page.locator("table.tiers")).isVisible();
    check(page, at + "13-tiers-street", lang, width);
    page.locator("button.logout").click();

    // a programme admin edits a care plan; a bad time is refused in the operator's language
    // read-only programme staff have no alarm to hear: no start-shift gate
    signIn(page, "programme.admin");
    assertThat(page.locator("nav a").first()).isVisible();
    assertThat(page.locator("button.start-shift")).hasCount(0);
    page.navigate(base + "#/resident/" + resident);
    page.locator("input[name=night_start]").fill("25:99");
    page.locator(".care-plan button[type=submit]").click();
    Locator toast = page.locator(".toast.error");
    assertThat(toast).isVisible();
    if (lang.equals("zh")) {
      assertThat(toast).containsText("夜间开始");
      soft.assertThat(toast.innerText()).as("%s care plan error", at).doesNotContain("carePlan");
    }
    check(page, at + "14-care-plan-error", lang, width);
    page.context().close();

    if (lang.equals("zh")) {
      Page screen = platform.newPage(width, height);
      screen.navigate(base + "bigscreen.html");
      screen.locator("input[name=login]").fill("command.kiosk");
      screen.locator("input[name=password]").fill(StaffFixture.PASSWORD);
      screen.locator("#signin button[type=submit]").click();
      assertThat(screen.locator("#alerts li").first()).isVisible();
      check(screen, at + "15-bigscreen", lang, width);
      screen.context().close();
    }
  }

  private void signIn(Page page, String login) {
    page.locator("input[name=login]").fill(login);
    page.locator("input[name=password]").fill(StaffFixture.PASSWORD);
    page.locator("form.login button[type=submit]").click();
  }

  /** Screenshots the page and notes what a phone or a Chinese reader would stumble over. */
  private void check(Page page, String name, String lang, int width) {
    ConsolePlatform.screenshot(page, name);
    if (width < 500) {
      Object scroll = page.evaluate("() => document.scrollingElement.scrollWidth");
      soft.assertThat(((Number) scroll).intValue())
          .as("%s: page width at a %d px viewport", name, width)
          .isLessThanOrEqualTo(width);
    }
    if (lang.equals("zh")) {
      soft.assertThat(latinWords((String) page.evaluate(WORDS)))
          .as("%s: Latin words in Chinese", name)
          .isEmpty();
    }
  }

  static List<String> latinWords(String text) {
    List<String> found = new ArrayList<>();
    var m = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-\\[\\]]*").matcher(text);
    while (m.find()) {
      String word = m.group().replaceAll("[.\\-]+$", "");
      if (word.length() > 1 && !LATIN_ALLOWED.contains(word) && !ID.matcher(word).matches()) {
        found.add(word);
      }
    }
    return found;
  }
}

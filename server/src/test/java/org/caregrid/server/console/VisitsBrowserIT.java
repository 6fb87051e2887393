package org.caregrid.server.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A visit plan falls overdue, a station worker records the visit on a phone (390×844), and the
 * station's visit coverage moves: one due day missed (ten days ago) and one overdue since yesterday
 * give 0 %; the visit, within the two grace days, makes it 50 %. The page is then looked at in both
 * languages at both sizes: nothing wider than the phone, no English words in Chinese.
 */
@Timeout(180)
class VisitsBrowserIT {
  private static final ZoneId HOME_ZONE = ZoneId.of("Asia/Shanghai");

  private ConsolePlatform platform;
  private int overdue;

  @BeforeEach
  void start() throws Exception {
    platform = ConsolePlatform.prepare();
    DataSource db = platform.db();
    RegistryFixture registry = new RegistryFixture(db);
    int district = registry.station("D", "district", 0, 40.65, 109.85, 50);
    int street = registry.station("S", "street", district, 40.62, 109.88, 20);
    int station = registry.station("C1", "community", street, 40.6, 109.9, 5);
    int missed = registry.resident("张桂兰", 40.6, 109.9);
    overdue = registry.resident("李长顺", 40.6, 109.9);
    Sql.execute(db, "UPDATE home SET address = '幸福里 3 号楼 2 单元'");
    LocalDate today = LocalDate.now(HOME_ZONE);
    plan(db, missed, station, today.minusDays(10));
    plan(db, overdue, station, today.minusDays(1));
    StaffFixture staff = new StaffFixture(db);
    staff.user("visit.staff", "探访员", StaffRole.STATION_STAFF, station);
    staff.user("visit.admin", "区管理员", StaffRole.DISTRICT_ADMIN, null);
    platform.start(UnaryOperator.identity());
  }

  private static void plan(DataSource db, int resident, int station, LocalDate due)
      throws Exception {
    Sql.execute(
        db,
        "INSERT INTO needs_assessment (resident_id, category, risk_level) VALUES ("
            + resident
            + ", 'living_alone', 'high')");
    Sql.execute(
        db,
        "INSERT INTO visit_plan (resident_id, station_id, next_due) VALUES ("
            + resident
            + ", "
            + station
            + ", '"
            + due
            + "')");
  }

  @AfterEach
  void stop() throws Exception {
    platform.close();
  }

  @Test
  void anOverdueVisitRecordedOnAPhoneMovesTheCoverage() {
    // given the station's visits on a phone
    Page phone = platform.newPage(390, 844);
    ConsolePlatform.signIn(phone, platform.base(), "visit.staff", 5);
    phone.navigate(platform.base() + "#/visits");
    Locator coverage = phone.locator("#visit-coverage");
    assertThat(coverage).hasText("0.0 %");
    Locator row = phone.locator("tr[data-resident='" + overdue + "']");
    assertThat(row).containsText("逾期");
    assertThat(phone.locator("table.visit-list tbody tr")).hasCount(2);
    fitsAndSpeaks(phone, "visits-01-overdue-zh-390", 390, "zh");

    // when the visit is recorded: a home visit, the safety item of concern, a follow-up
    row.locator("button.record").click();
    Locator form = phone.locator("form.visit-form");
    assertThat(form).isVisible();
    assertThat(form.locator("input[name=visitor]")).hasValue("探访员");
    form.locator("input[name=concern-safety]").check();
    form.locator("textarea[name=followUp]").fill("燃气灶旋钮松动，下周带师傅上门");
    fitsAndSpeaks(phone, "visits-02-form-zh-390", 390, "zh");
    form.locator("button[type=submit]").click();

    // then it was on time, the task is gone and the coverage moved
    assertThat(phone.locator(".toast")).containsText("按时");
    assertThat(coverage).hasText("50.0 %");
    assertThat(phone.locator("table.visit-list tbody tr")).hasCount(1);
    assertThat(row).hasCount(0);
    fitsAndSpeaks(phone, "visits-03-recorded-zh-390", 390, "zh");
    assertThat(
            Sql.text(
                platform.db(),
                "SELECT findings->>'safety' || ' ' || type || ' ' || on_time FROM visit"
                    + " WHERE resident_id = "
                    + overdue))
        .isEqualTo("concern home_visit true");
    assertThat(
            Sql.count(
                platform.db(),
                "SELECT count(*) FROM staff_audit WHERE action = 'visit.record'"
                    + " AND login = 'visit.staff'"))
        .isEqualTo(1);

    // the resident's record shows the visit and takes a new assessment
    phone.navigate(platform.base() + "#/resident/" + overdue);
    Locator box = phone.locator(".visits-box");
    assertThat(box.locator("ul.visit-history li")).hasCount(1);
    assertThat(box).containsText("安全");
    assertThat(box).containsText("燃气灶旋钮松动");
    // a week after the visit (high risk), the day the phone's own calendar gave the form
    LocalDate visited =
        LocalDate.parse(
            Sql.text(
                platform.db(),
                "SELECT visited_on::text FROM visit WHERE resident_id = " + overdue));
    assertThat(box.locator("p.next-due")).containsText(visited.plusDays(7).toString());
    box.locator("select[name=riskLevel]").selectOption("low");
    box.locator("form.assess button[type=submit]").click();
    assertThat(phone.locator(".toast").last()).containsText("需求评估已保存");
    ConsolePlatform.screenshot(phone, "visits-05-resident-zh-390");
    assertThat(
            PhoneAndLanguageBrowserIT.latinWords(
                (String) phone.evaluate("() => document.querySelector('.visits-box').innerText")))
        .isEmpty();
    assertThat(
            Sql.text(
                platform.db(),
                "SELECT risk_level FROM needs_assessment WHERE resident_id = " + overdue))
        .isEqualTo("low");
    phone.context().close();

    // and the page reads well in both languages at both sizes
    for (String lang : List.of("zh", "en")) {
      for (int[] size : List.of(new int[] {1440, 900}, new int[] {390, 844})) {
        Page page = platform.newPage(size[0], size[1]);
        page.addInitScript("localStorage.setItem('caregrid.lang', '" + lang + "')");
        ConsolePlatform.signIn(page, platform.base(), "visit.staff", 5);
        page.navigate(platform.base() + "#/visits");
        assertThat(page.locator("#visit-coverage")).hasText("50.0 %");
        assertThat(page.locator("table.visit-list tbody tr")).hasCount(1);
        fitsAndSpeaks(page, "visits-04-" + lang + "-" + size[0], size[0], lang);
        page.context().close();
      }
    }

    // and the programme report shows the district's and the station's figures
    Page report = platform.newPage(1440, 900);
    ConsolePlatform.signIn(report, platform.base(), "visit.admin", 7);
    report.navigate(platform.base() + "#/report");
    Locator figures = report.locator("table.visit-figures");
    assertThat(figures.locator("tr.district td.coverage")).hasText("50.0 % (1 / 2)");
    assertThat(figures.locator("tr.station td.coverage")).hasText("50.0 % (1 / 2)");
    assertThat(figures.locator("tr.district td").first()).hasText("100.0 % (2 / 2)");
    ConsolePlatform.screenshot(report, "visits-06-report-zh-1440");
    assertThat(platform.cspViolations()).isEmpty();
  }

  /** Screenshots the page; nothing wider than a phone, and no English words in Chinese. */
  private static void fitsAndSpeaks(Page page, String name, int width, String lang) {
    ConsolePlatform.screenshot(page, name);
    if (width < 500) {
      Object scroll = page.evaluate("() => document.scrollingElement.scrollWidth");
      assertThat(((Number) scroll).intValue()).as(name + " width").isLessThanOrEqualTo(width);
    }
    if (lang.equals("zh")) {
      assertThat(
              PhoneAndLanguageBrowserIT.latinWords(
                  (String) page.evaluate("() => document.querySelector('main').innerText")))
          .as(name + " Latin words")
          .isEmpty();
    }
  }
}

package org.caregrid.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.server.console.ConsolePlatform;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The console in a real browser (the machine's Chromium, headless) against the whole platform:
 * station staff see an SOS arrive in the queue without reloading, accept and resolve it, and staff
 * of another station never see it. Screenshots go to {@code target/screenshots}. Alarms that go
 * unanswered, timers, resolving and a silent stream: {@code console.AlarmBrowserIT}.
 */
@Timeout(180)
class ConsoleBrowserIT {
  private static final String RESIDENT = "Sun Guilan";

  private ConsolePlatform platform;
  private HikariDataSource db;
  private Page page;
  private String base;
  private String pendant;
  private int resident;
  private StaffFixture.User admin;

  @BeforeEach
  void start() throws Exception {
    platform = ConsolePlatform.prepare();
    db = platform.db();
    RegistryFixture registry = new RegistryFixture(db);
    int district = registry.station("D", "district", 0, 40.65, 109.85, 50);
    int street = registry.station("S", "street", district, 40.62, 109.88, 20);
    // the home is about 1 km from "near" and 11 km from "far"
    int near = registry.station("near", "community", street, 40.609, 109.9, 5);
    int far = registry.station("far", "community", street, 40.7, 109.95, 5);
    pendant = "pendant-" + UUID.randomUUID().toString().substring(0, 8);
    resident = registry.resident(RESIDENT, 40.6, 109.9);
    registry.device(pendant, DeviceKind.SOS_PENDANT, resident);
    StaffFixture staff = new StaffFixture(db);
    staff.user("near.staff", StaffRole.STATION_STAFF, near);
    staff.user("far.staff", StaffRole.STATION_STAFF, far);
    admin = staff.districtAdmin();
    platform.start(UnaryOperator.identity());
    base = platform.base();
    page = platform.newPage(1400, 1000);
  }

  @AfterEach
  void stop() throws Exception {
    platform.close();
  }

  @Test
  void stationStaffSeeAnSosLiveAcceptAndResolveItAndOtherStationsNeverSeeIt() throws Exception {
    signIn("near.staff", 5);
    screenshot("01-queue-empty");

    // when the pendant sends an SOS while the page is open
    sos(1);

    // then it appears in the queue without a reload, as critical, with the resident's name
    Locator row = page.locator("tr[data-kind=sos]");
    assertThat(row).isVisible();
    assertThat(row.locator("[data-severity=critical]")).hasText("紧急");
    assertThat(row).containsText(RESIDENT);
    assertThat(row.locator(".countdown")).isVisible();
    screenshot("02-queue-sos");

    // when accepted with one click
    row.locator("button.accept").click();
    assertThat(row).hasAttribute("data-state", "accepted");

    // and resolved from the detail page with an outcome
    row.locator("button.open").click();
    Locator head = page.locator("header.alert-head");
    assertThat(head).hasAttribute("data-state", "accepted");
    assertThat(page.locator(".sop")).isVisible();
    assertThat(page.locator("svg.map .home")).isVisible();
    page.locator("select[name=outcome]").selectOption("assisted");
    page.locator("input[name=resolve-note]").fill("found on the floor, helped up");
    screenshot("03-alert-accepted");
    page.locator("button.resolve").click();
    // a critical alert asks once more before it closes
    page.locator("button.confirm-resolve").click();
    assertThat(head).hasAttribute("data-state", "resolved");
    assertThat(page.locator(".audit-box")).containsText("near.staff");
    screenshot("04-alert-resolved");

    // then the database agrees, and the queue no longer lists it
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                Sql.count(
                        db,
                        "SELECT count(*) FROM alert WHERE kind = 'sos' AND state = 'resolved'"
                            + " AND outcome = 'assisted'")
                    == 1);
    page.locator("a.back").click();
    assertThat(page.locator("tr[data-kind=sos]")).hasCount(0);

    // when a second SOS is open at the near station
    sos(2);
    assertThat(page.locator("tr[data-kind=sos]")).hasCount(1);
    long open =
        Sql.count(
            db,
            "SELECT id FROM alert WHERE kind = 'sos' AND state NOT IN ('resolved', 'cancelled')");

    // then staff of the far station, signed in on the same browser, neither list nor open it
    page.locator("button.logout").click();
    signIn("far.staff", 5);
    assertThat(page.locator(".queue-page")).hasAttribute("data-loaded", "true");
    assertThat(page.locator("tr[data-alert-id]")).hasCount(0);
    screenshot("05-other-station-queue");
    page.navigate(base + "#/alert/" + open);
    assertThat(page.locator(".alert-page .note.error")).isVisible();
    assertThat(page.locator("header.alert-head")).hasCount(0);
    // and the alert was still open at step 0, so it was hidden by station, not by state
    assertThat(
            Sql.count(
                db,
                "SELECT count(*) FROM alert WHERE id = "
                    + open
                    + " AND step = 0 AND state IN ('raised', 'notified')"))
        .isEqualTo(1);

    // and the English switch relabels the console and survives a reload
    page.locator("button.lang").click();
    assertThat(page.locator("nav a").first()).hasText("Alert queue");
    page.reload();
    assertThat(page.locator("nav a").first()).hasText("Alert queue");

    // and a district admin gets the resident's record, the fleet and the programme report
    page.locator("button.logout").click();
    signIn(admin.login(), 7);
    page.navigate(base + "#/resident/" + resident);
    assertThat(page.locator(".resident-page h2")).hasText(RESIDENT);
    assertThat(page.locator(".resident-page a[href^='#/alert/']")).hasCount(2);
    screenshot("06-resident");
    page.navigate(base + "#/fleet");
    assertThat(page.locator("tr[data-device-id]")).hasCount(1);
    assertThat(page.locator("tr[data-device-id]")).containsText(pendant);
    screenshot("07-fleet");
    page.navigate(base + "#/report");
    assertThat(page.locator(".report-page .tile")).hasCount(2);
    assertThat(page.locator(".report-page .note.error")).hasCount(0);
    screenshot("08-report");
    // and no page had anything refused by the Content-Security-Policy
    assertThat(platform.cspViolations()).as("refused by the Content-Security-Policy").isEmpty();
  }

  /**
   * Signs in and starts the shift; {@code pages} is how many pages the role's navigation offers.
   */
  private void signIn(String login, int pages) {
    ConsolePlatform.signIn(page, base, login, pages);
  }

  private void sos(int seq) throws Exception {
    platform
        .devices()
        .publish(
            "care/" + pendant + "/event",
            "{\"ts\":%d,\"seq\":%d,\"type\":\"sos\"}".formatted(System.currentTimeMillis(), seq));
  }

  private void screenshot(String name) {
    ConsolePlatform.screenshot(page, name);
  }
}

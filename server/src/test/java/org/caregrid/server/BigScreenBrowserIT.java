package org.caregrid.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caregrid.core.config.ConfigTree;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.config.HttpConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.server.console.CspWatch;
import org.caregrid.sim.district.District;
import org.caregrid.sim.district.DistrictEnrolment;
import org.caregrid.sim.district.DistrictGenerator;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestDevices;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The command centre's big screen at 1920x1080 in the machine's Chromium against the whole platform
 * with the simulated district: a kiosk signs in, sees the district drawn from its own coordinates,
 * open alerts by severity and tier with names masked, and an SOS pressed meanwhile appears without
 * a reload. Screenshots go to {@code target/screenshots/bigscreen-*.png}.
 */
@Timeout(180)
class BigScreenBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final int HOMES = 60;

  private HikariDataSource db;
  private Launcher launcher;
  private TestDevices devices;
  private Playwright playwright;
  private Browser browser;
  private Page page;
  private CspWatch csp;
  private String base;
  private District district;

  @BeforeEach
  void start() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    db = DataSources.create(database, "it-check");
    Migrations.migrate(db, database.storage());
    district = new DistrictGenerator(1).generate(HOMES);
    DistrictEnrolment.enrolOnce(db, district);
    // what an earlier test's devices left on a shared broker is not this screen's to count
    RetainedStatuses.clear(TestServices.broker().url(), district);
    seedAlerts();
    StaffFixture staff = new StaffFixture(db);
    staff.user("command.kiosk", StaffRole.KIOSK, null);
    int street = (int) Sql.count(db, "SELECT id FROM station WHERE code = 'S1'");
    staff.user("s1.staff", StaffRole.STATION_STAFF, street);

    String unique = UUID.randomUUID().toString().substring(0, 8);
    Settings defaults = Settings.bind(ConfigTree.ofEnv(Map.of()));
    IngestConfig ingest =
        defaults
            .ingest()
            .withMqtt(
                new IngestConfig.Mqtt(
                    2, "screen-" + unique, "screen" + unique, 1000, Duration.ofSeconds(30)))
            .withCoap(defaults.ingest().coap().disabled());
    Settings settings =
        defaults
            .withDatabase(database)
            .withMqtt(TestServices.broker())
            .withHttp(new HttpConfig("127.0.0.1", 0, ""))
            .withIngest(ingest);
    launcher = Launcher.start(settings, EnumSet.allOf(Role.class));
    base = "http://127.0.0.1:" + launcher.httpPort() + "/";
    devices = new TestDevices(settings.mqtt().url());
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(
                        List.of("--no-sandbox", "--disable-gpu", "--disable-component-update")));
    page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1920, 1080));
    csp = CspWatch.on(page);
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    Files.createDirectories(SHOTS);
  }

  /**
   * Open alerts at each tier and today's answered ones: two waiting at their community station, one
   * escalated to its street centre, one accepted with staff on site after 9 minutes.
   */
  private void seedAlerts() throws Exception {
    Instant now = Instant.now();
    alert(1, "fall", "critical", "notified", now.minusSeconds(40), null, 0, "community");
    alert(2, "news2", "high", "notified", now.minusSeconds(300), null, 1, "street");
    alert(3, "battery_low", "low", "raised", now.minusSeconds(900), null, 0, "community");
    long done = alert(4, "sos", "critical", "on_site", now.minusSeconds(1200), 45, 0, "community");
    Sql.execute(
        db, "UPDATE alert SET on_site_at = raised_at + interval '9 minutes' WHERE id = " + done);
  }

  private long alert(
      int resident,
      String kind,
      String severity,
      String state,
      Instant raised,
      Integer acceptedAfter,
      int step,
      String tier)
      throws Exception {
    String accepted =
        acceptedAfter == null ? "NULL" : "'" + raised.plusSeconds(acceptedAfter) + "'";
    long id =
        Sql.count(
            db,
            "INSERT INTO alert (kind, severity, resident_id, state, raised_at, last_seen_at,"
                + " accepted_at, step, detail) VALUES ('"
                + kind
                + "', '"
                + severity
                + "', "
                + resident
                + ", '"
                + state
                + "', '"
                + raised
                + "', '"
                + raised
                + "', "
                + accepted
                + ", "
                + step
                + ", 'seeded') RETURNING id");
    String station =
        tier.equals("community")
            ? "(SELECT h.station_id FROM resident r JOIN home h ON h.id = r.home_id WHERE r.id = "
                + resident
                + ")"
            : "(SELECT s.parent_id FROM resident r JOIN home h ON h.id = r.home_id"
                + " JOIN station s ON s.id = h.station_id WHERE r.id = "
                + resident
                + ")";
    Sql.execute(
        db,
        "INSERT INTO alert_route (alert_id, station_id, step, routed_at, accept_by) SELECT "
            + id
            + ", "
            + station
            + ", "
            + step
            + ", now(), now() + interval '3 minutes'");
    Sql.execute(
        db,
        "UPDATE alert SET station_id = (SELECT station_id FROM alert_route WHERE alert_id = "
            + id
            + " LIMIT 1) WHERE id = "
            + id);
    return id;
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (devices != null) {
      devices.close();
    }
    if (launcher != null) {
      launcher.close();
    }
    db.close();
  }

  @Test
  void aKioskSeesTheDistrictLiveWithNamesMasked() throws Exception {
    // given the kiosk signed in on the big screen
    page.navigate(base + "bigscreen.html");
    page.locator("input[name=login]").fill("command.kiosk");
    page.locator("input[name=password]").fill(StaffFixture.PASSWORD);
    page.locator("#signin button[type=submit]").click();
    assertThat(page.locator("#link")).hasAttribute("data-state", "live");

    // then the district is drawn and the open alerts are counted by severity and tier
    assertThat(page.locator("#map circle.home")).hasCount(HOMES);
    assertThat(page.locator("#map path.street")).hasCount(5);
    assertThat(page.locator("#open-total")).hasText("4");
    assertThat(page.locator("#by-tier li[data-tier=street] b")).hasText("1");
    assertThat(page.locator("#by-severity li[data-severity=critical] b")).hasText("2");
    assertThat(page.locator("#alerts li")).hasCount(4);
    assertThat(page.locator("#arrive-15")).containsText("100.0%");
    assertThat(page.locator("#visits")).hasText("—");
    String names = page.locator("#alerts").innerText();
    for (int r = 0; r < 4; r++) {
      String name = district.homes().get(r).resident().name();
      assertThat(names).doesNotContain(name);
    }
    assertThat(names).contains(masked(district.homes().get(0).resident().name()));
    assertThat(
            (Boolean)
                page.evaluate(
                    "document.documentElement.scrollWidth <= 1920 && document.documentElement.scrollHeight <= 1080"))
        .as("the screen fits 1920x1080 without scrolling")
        .isTrue();
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve("bigscreen-1-district.png")));

    // when a resident presses their pendant
    String pendant =
        district.homes().get(9).devices().stream()
            .filter(d -> d.uid().startsWith("sos-"))
            .findFirst()
            .orElseThrow()
            .uid();
    devices.publish(
        "care/" + pendant + "/event",
        "{\"ts\":%d,\"seq\":1,\"type\":\"sos\"}".formatted(System.currentTimeMillis()));

    // then it appears without a reload, masked
    assertThat(page.locator("#open-total")).hasText("5");
    assertThat(page.locator("#by-severity li[data-severity=critical] b")).hasText("3");
    assertThat(page.locator("#alerts"))
        .containsText(masked(district.homes().get(9).resident().name()));
    assertThat(page.locator("#map circle.pulse")).hasCount(3);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve("bigscreen-2-live-sos.png")));

    // and the kiosk reads nothing else
    assertThat(page.request().get(base + "api/v1/alerts").status()).isEqualTo(403);
    assertThat(page.request().get(base + "api/v1/residents").status()).isEqualTo(403);
    assertThat(csp.violations()).as("refused by the Content-Security-Policy").isEmpty();
  }

  @Test
  void streetCentreStaffDrillDownThroughTheirOwnCommunitiesOnly() throws Exception {
    page.navigate(base);
    page.locator("input[name=login]").fill("s1.staff");
    page.locator("input[name=password]").fill(StaffFixture.PASSWORD);
    page.locator("form.login button[type=submit]").click();
    page.locator("button.start-shift").click();
    page.navigate(base + "#/tiers");

    // the street and its six communities, no other street's
    assertThat(page.locator("table.tiers tbody tr")).hasCount(7);
    assertThat(page.locator("table.tiers tbody tr[data-unit=S1]")).hasCount(1);
    assertThat(page.locator("table.tiers tbody tr[data-unit=S2C1]")).hasCount(0);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SHOTS.resolve("tiers-1-street.png"))
            .setFullPage(true));

    // drilling into a community shows its open alerts; another street's is refused
    page.locator("table.tiers tbody tr[data-unit=S1C1] a").click();
    assertThat(page.locator("p.crumbs a")).hasCount(2);
    assertThat(page.locator(".tiers-page h3")).isVisible();
    assertThat(page.locator("table.tiers tbody tr")).hasCount(1);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SHOTS.resolve("tiers-2-community.png"))
            .setFullPage(true));
    page.navigate(base + "#/tiers/S2");
    assertThat(page.locator(".tiers-page .error")).isVisible();
    assertThat(csp.violations()).as("refused by the Content-Security-Policy").isEmpty();
  }

  /** As the server masks: first and last character of each word, stars between. */
  private static String masked(String name) {
    return org.caregrid.dashboard.bigscreen.NameMask.mask(name);
  }
}

package org.caregrid.server.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.caregrid.core.config.ConfigTree;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.config.HttpConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.server.Launcher;
import org.caregrid.server.Role;
import org.caregrid.server.Settings;
import org.caregrid.testing.TestDevices;
import org.caregrid.testing.TestServices;

/**
 * The whole platform and the machine's Chromium (headless, through Playwright) for console tests: a
 * fresh migrated database for the test to fill, then every role on a free HTTP port, a device
 * client on the broker and a browser. Screenshots go to {@code target/screenshots}.
 */
public final class ConsolePlatform implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SHOTS = Path.of("target", "screenshots");

  private final DatabaseConfig database;
  private final HikariDataSource db;
  private Launcher launcher;
  private TestDevices devices;
  private Playwright playwright;
  private Browser browser;
  private String base;
  private final CspWatch csp = new CspWatch();

  private ConsolePlatform(DatabaseConfig database, HikariDataSource db) {
    this.database = database;
    this.db = db;
  }

  /** A fresh, migrated database; fill it (stations, residents, staff), then {@link #start}. */
  public static ConsolePlatform prepare() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    HikariDataSource db = DataSources.create(database, "it-check");
    Migrations.migrate(db, database.storage());
    return new ConsolePlatform(database, db);
  }

  public HikariDataSource db() {
    return db;
  }

  /**
   * Starts every role and the browser.
   *
   * @param tweak changes the test settings, e.g. shorter escalation timeouts
   */
  public void start(UnaryOperator<Settings> tweak) throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    Settings defaults = Settings.bind(ConfigTree.ofEnv(Map.of()));
    IngestConfig ingest =
        defaults
            .ingest()
            .withMqtt(
                new IngestConfig.Mqtt(
                    2, "console-" + unique, "console" + unique, 1000, Duration.ofSeconds(30)))
            // devices here speak MQTT only; CoAP off so that the fixed UDP ports cannot clash
            .withCoap(defaults.ingest().coap().disabled());
    Settings settings =
        tweak.apply(
            defaults
                .withDatabase(database)
                .withMqtt(TestServices.broker())
                .withHttp(new HttpConfig("127.0.0.1", 0, ""))
                .withIngest(ingest));
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
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update")));
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    Files.createDirectories(SHOTS);
  }

  /** The console's address, ending in a slash. */
  public String base() {
    return base;
  }

  public int httpPort() {
    return launcher.httpPort();
  }

  public TestDevices devices() {
    return devices;
  }

  /** A page in a browser context of its own (its own session cookie) of this viewport size. */
  public Page newPage(int width, int height) {
    BrowserContext context =
        browser.newContext(
            new Browser.NewContextOptions().setViewportSize(width, height).setLocale("zh-CN"));
    Page page = context.newPage();
    csp.watch(page);
    return page;
  }

  /** What the Content-Security-Policy refused on every page {@link #newPage} made. */
  public List<String> cspViolations() {
    return csp.violations();
  }

  /**
   * Signs in at {@code at} and starts the shift; {@code pages} is how many pages the role's
   * navigation offers.
   */
  public static void signIn(Page page, String at, String login, int pages) {
    page.navigate(at);
    page.locator("input[name=login]").fill(login);
    page.locator("input[name=password]").fill(StaffFixture.PASSWORD);
    page.locator("form.login button[type=submit]").click();
    // the start-shift click is the user gesture that lets the browser play the alarm tone
    page.locator("button.start-shift").click();
    assertThat(page.locator("#sound-banner")).isHidden();
    assertThat(page.locator("#link")).hasAttribute("data-state", "live");
    assertThat(page.locator("nav a")).hasCount(pages);
  }

  public static void screenshot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
  }

  @Override
  public void close() throws Exception {
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
}

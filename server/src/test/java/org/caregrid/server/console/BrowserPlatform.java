package org.caregrid.server.console;

import com.microsoft.playwright.Browser;
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
import org.caregrid.core.config.ConfigTree;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.config.HttpConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.server.Launcher;
import org.caregrid.server.Role;
import org.caregrid.server.Settings;
import org.caregrid.testing.TestDevices;
import org.caregrid.testing.TestServices;

/**
 * The whole platform for a browser test: a fresh migrated database to fill first, then {@link
 * #start} runs every role, an MQTT client for the devices and the machine's Chromium (headless,
 * through Playwright). Screenshots go to {@code target/screenshots}.
 */
public final class BrowserPlatform implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path SHOTS = Path.of("target", "screenshots");

  private final DatabaseConfig database;
  private final HikariDataSource db;
  private Launcher launcher;
  private TestDevices devices;
  private Playwright playwright;
  private Browser browser;

  private BrowserPlatform(DatabaseConfig database) {
    this.database = database;
    this.db = DataSources.create(database, "it-check");
    Migrations.migrate(db, database.storage());
  }

  /** A fresh, migrated database; fill it through {@link #db} before {@link #start}. */
  public static BrowserPlatform create() throws Exception {
    return new BrowserPlatform(TestServices.freshDatabase());
  }

  public HikariDataSource db() {
    return db;
  }

  /** Starts every role on free ports, the devices' MQTT client and Chromium. */
  public void start() throws Exception {
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
        defaults
            .withDatabase(database)
            .withMqtt(TestServices.broker())
            .withHttp(new HttpConfig("127.0.0.1", 0))
            .withIngest(ingest);
    launcher = Launcher.start(settings, EnumSet.allOf(Role.class));
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
    return "http://127.0.0.1:" + launcher.httpPort() + "/";
  }

  public TestDevices devices() {
    return devices;
  }

  /** A page in a context of its own (its own cookies and storage) with this viewport. */
  public Page newPage(int width, int height) {
    return browser
        .newContext(
            new Browser.NewContextOptions().setViewportSize(width, height).setLocale("zh-CN"))
        .newPage();
  }

  /** A full-page screenshot in {@link #SHOTS}. */
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

package org.caregrid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.caregrid.dashboard.testing.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it: the packaged jar, embedded database and broker, the simulated
 * district. It must come up, store readings, show an alert, stop cleanly on SIGTERM, and find its
 * data again on the next start.
 */
// Above the sum of its waits, so a failed wait reports where the demo stood before this fires.
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DemoSmokeIT {
  /** Its steps' times, or why it failed, in a few lines; {@code .ci/run} prints it last. */
  private static final Path TIMELINE = Path.of("target", "demo-smoke.txt");

  @TempDir Path dir;
  private DemoProcess demoProcess;
  private int httpPort;
  private String base;
  private final List<String> timeline = new ArrayList<>();
  private final long startedAt = System.nanoTime();
  private Process demo;
  private Path log;

  @BeforeEach
  void ports() {
    demoProcess = new DemoProcess(dir, dir.resolve("data"), 5);
    httpPort = demoProcess.httpPort;
    base = "http://127.0.0.1:" + httpPort;
  }

  @AfterEach
  void kill() {
    if (demo != null && demo.isAlive()) {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
  }

  @Test
  void comesUpStoresReadingsShowsAnAlertStopsCleanlyAndKeepsItsData() throws Exception {
    Files.deleteIfExists(TIMELINE);
    startDemo("first.log");
    assertThat(Files.readString(log)).contains("Console users (password 'caregrid-demo')");
    ApiClient admin = new ApiClient(httpPort);
    assertThat(admin.login("district.admin", "caregrid-demo").status()).isEqualTo(200);
    // named people sign in as themselves, and their station has this week's roster; the shared
    // station accounts of older demos are gone
    assertThat(Files.readString(log)).contains("its lead wang.fang and staff li.na, zhang.wei");
    ApiClient lead = new ApiClient(httpPort);
    assertThat(lead.login("wang.fang", "caregrid-demo").status()).isEqualTo(200);
    int station = lead.get("/session").json().getJsonObject("user").getInteger("stationId");
    assertThat(lead.get("/stations/" + station + "/roster").json().getJsonArray("slots"))
        .hasSize(14);
    assertThat(new ApiClient(httpPort).login("s1c1.lead", "caregrid-demo").status()).isEqualTo(401);
    // the seeded visits: overdue ones, and residents with a record and a plan
    assertThat(admin.get("/visits/tasks").jsonArray().stream())
        .anyMatch(t -> ((JsonObject) t).getString("status").equals("overdue"));
    assertThat(admin.get("/reports/visits").json().getJsonObject("district").getLong("planned"))
        .isPositive();
    HttpResponse<String> console = DemoProcess.get(base + "/");
    assertThat(console.body()).contains("console.js");
    // started without a locale, it still names its files UTF-8, so the browser shows Chinese
    assertThat(console.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).containsIgnoringCase("charset=utf-8"));
    assertThat(DemoProcess.get(base + "/js/i18n.js").headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).containsIgnoringCase("charset=utf-8"));
    assertThat(DemoProcess.get(base + "/health").statusCode()).isEqualTo(200);
    step(
        "readings written",
        () -> await().atMost(Duration.ofSeconds(30)).until(() -> readingsWritten() > 0));
    step(
        "an alert from the simulated episode",
        () ->
            await()
                .atMost(Duration.ofMinutes(2))
                .until(() -> admin.get("/alerts").json().getJsonArray("items").size() > 0));
    long alertId = admin.get("/alerts").json().getJsonArray("items").getJsonObject(0).getLong("id");
    stopAndAwaitPortsFree();

    // started again on the same data folder, the demo still has what it stored, and the session
    startDemo("second.log");
    assertThat(
            admin.get("/alerts?state=all").json().getJsonArray("items").stream()
                .map(a -> ((JsonObject) a).getLong("id")))
        .contains(alertId);
    assertThat(Files.readString(log)).doesNotContain("Enrolled a simulated district");
    stopAndAwaitPortsFree();
  }

  private void startDemo(String logName) throws IOException {
    log = dir.resolve(logName);
    demo = demoProcess.start(log);
    step(
        "console URL printed",
        () ->
            await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                    () -> Files.readString(log).contains("Console: http://localhost:" + httpPort)));
  }

  /** SIGTERM, as Ctrl-C or a service manager would send; the embedded services must go too. */
  private void stopAndAwaitPortsFree() throws IOException {
    demo.destroy();
    step(
        "stopped on SIGTERM",
        () -> await().atMost(Duration.ofSeconds(60)).until(() -> !demo.isAlive()));
    step(
        "embedded services stopped",
        () -> await().atMost(Duration.ofSeconds(10)).until(demoProcess::portsFree));
  }

  /**
   * Runs a wait and notes in {@link #TIMELINE} when it passed. One that fails (a timeout, or a
   * request to the demo that failed) reports the steps so far and where the demo stood, the short
   * form last, where a build log's tail shows it: the test's folder, and with it the demo's log and
   * database, is gone once it ends.
   */
  private void step(String what, Runnable wait) throws IOException {
    try {
      wait.run();
    } catch (RuntimeException e) {
      String failed = what + ": not after " + secondsSinceStart() + " s " + timeline;
      DemoDiagnosis diagnosis = new DemoDiagnosis(base, demoProcess.databasePort, demo.pid(), log);
      String inShort = diagnosis.inShort(failed);
      Files.writeString(TIMELINE, "DemoSmokeIT failed: " + inShort + "\n");
      throw new AssertionError(
          failed + "\n" + diagnosis.inFull() + "\n---- in short ----\n" + inShort, e);
    }
    timeline.add(what + " after " + secondsSinceStart() + " s");
    Files.writeString(TIMELINE, "DemoSmokeIT: " + String.join(", ", timeline) + "\n");
  }

  private long secondsSinceStart() {
    return Duration.ofNanos(System.nanoTime() - startedAt).toSeconds();
  }

  private double readingsWritten() throws Exception {
    return DemoProcess.get(base + "/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith("caregrid_ingest_readings_written_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}

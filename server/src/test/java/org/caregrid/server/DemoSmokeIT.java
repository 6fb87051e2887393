package org.caregrid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.caregrid.dashboard.testing.ApiClient;
import org.caregrid.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it: the packaged jar, embedded database and broker, the simulated
 * district. It must come up, store readings, show an alert, stop cleanly on SIGTERM, and find its
 * data again on the next start.
 */
@Timeout(240)
class DemoSmokeIT {
  private static final Path JAR = Path.of("target", "caregrid.jar");

  @TempDir Path dir;
  private Process demo;

  @AfterEach
  void kill() {
    if (demo != null && demo.isAlive()) {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
  }

  @Test
  void comesUpStoresReadingsShowsAnAlertStopsCleanlyAndKeepsItsData() throws Exception {
    int httpPort = FreePorts.tcp();
    int brokerPort = FreePorts.tcp();
    int databasePort = FreePorts.tcp();
    Path data = dir.resolve("data");
    String base = "http://127.0.0.1:" + httpPort;

    Path firstLog = dir.resolve("first.log");
    demo = startDemo(data, httpPort, brokerPort, databasePort, firstLog);
    awaitConsole(firstLog, httpPort);
    assertThat(Files.readString(firstLog)).contains("Console users (password 'caregrid-demo')");
    ApiClient admin = new ApiClient(httpPort);
    assertThat(admin.login("district.admin", "caregrid-demo").status()).isEqualTo(200);
    assertThat(new ApiClient(httpPort).login("s1c1.lead", "caregrid-demo").status()).isEqualTo(200);
    assertThat(get(base + "/").body()).contains("console.js");
    assertThat(get(base + "/health").statusCode()).isEqualTo(200);
    explained(
        firstLog,
        () ->
            await("readings written")
                .atMost(Duration.ofSeconds(30))
                .until(() -> readingsWritten(base) > 0));
    explained(
        firstLog,
        () ->
            await("an alert from the simulated episode")
                .atMost(Duration.ofMinutes(2))
                .until(() -> admin.get("/alerts").json().getJsonArray("items").size() > 0));
    long alertId = admin.get("/alerts").json().getJsonArray("items").getJsonObject(0).getLong("id");
    stopAndAwaitPortsFree(databasePort, brokerPort);

    // started again on the same data folder, the demo still has what it stored, and the session
    Path secondLog = dir.resolve("second.log");
    demo = startDemo(data, httpPort, brokerPort, databasePort, secondLog);
    awaitConsole(secondLog, httpPort);
    assertThat(
            admin.get("/alerts?state=all").json().getJsonArray("items").stream()
                .map(a -> ((io.vertx.core.json.JsonObject) a).getLong("id")))
        .contains(alertId);
    assertThat(Files.readString(secondLog)).doesNotContain("Enrolled a simulated district");
    stopAndAwaitPortsFree(databasePort, brokerPort);
  }

  private Process startDemo(Path data, int httpPort, int brokerPort, int databasePort, Path log)
      throws IOException {
    return new ProcessBuilder(
            List.of(
                javaBinary(),
                "-jar",
                JAR.toAbsolutePath().toString(),
                "demo",
                "--config",
                dir.resolve("none.yaml").toString(),
                "--data-dir",
                data.toString(),
                "--http-port",
                Integer.toString(httpPort),
                "--broker-port",
                Integer.toString(brokerPort),
                "--database-port",
                Integer.toString(databasePort),
                "--homes",
                "5"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static void awaitConsole(Path log, int httpPort) {
    await("console URL printed")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> Files.readString(log).contains("Console: http://localhost:" + httpPort));
  }

  /** SIGTERM, as Ctrl-C or a service manager would send; the embedded services must go too. */
  private void stopAndAwaitPortsFree(int databasePort, int brokerPort) throws InterruptedException {
    demo.destroy();
    assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
    await("embedded services stopped")
        .atMost(Duration.ofSeconds(10))
        .until(() -> portFree(databasePort) && portFree(brokerPort));
  }

  /** A timed-out wait fails with what the demo printed: the test's log is gone with its folder. */
  private static void explained(Path log, Runnable wait) throws IOException {
    try {
      wait.run();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\nThe demo printed:\n" + Files.readString(log), e);
    }
  }

  private static double readingsWritten(String base) throws Exception {
    return get(base + "/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith("caregrid_ingest_readings_written_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean portFree(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}

package org.caregrid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
        base,
        databasePort,
        () ->
            await("readings written")
                .atMost(Duration.ofSeconds(30))
                .until(() -> readingsWritten(base) > 0));
    explained(
        firstLog,
        base,
        databasePort,
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

  /**
   * A timed-out wait fails with what the demo printed and where it stood: the test's folder, and
   * with it the demo's log and database, is gone once it ends.
   */
  private void explained(Path log, String base, int databasePort, Runnable wait)
      throws IOException {
    try {
      wait.run();
    } catch (RuntimeException e) { // a timeout, or a request to the demo that failed
      throw new AssertionError(
          e.getMessage()
              + "\nThe demo printed:\n"
              + Files.readString(log)
              + "\nIngest's meters that are not zero:\n"
              + ingestMeters(base)
              + "\nIts database's sessions and the locks they wait for:\n"
              + databaseSessions(databasePort)
              + "\nIts threads:\n"
              + threadDump(),
          e);
    }
  }

  private static String ingestMeters(String base) {
    try {
      return get(base + "/metrics")
          .body()
          .lines()
          .filter(l -> l.startsWith("caregrid_ingest_") && !l.endsWith(" 0.0"))
          .collect(Collectors.joining("\n"));
    } catch (Exception e) {
      return "unavailable: " + e;
    }
  }

  private String threadDump() {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p =
          new ProcessBuilder(jcmd.toString(), Long.toString(demo.pid()), "Thread.print")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor(30, TimeUnit.SECONDS) ? out : "jcmd did not finish";
    } catch (IOException e) {
      return "unavailable: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static String databaseSessions(int port) {
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    StringBuilder out = new StringBuilder();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String sql :
          List.of(
              "SELECT pid, datname, state, wait_event_type, wait_event,"
                  + " now() - xact_start AS in_transaction, left(query, 300) AS query"
                  + " FROM pg_stat_activity"
                  + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
              "SELECT pid, locktype, relation::regclass AS relation, mode"
                  + " FROM pg_locks WHERE NOT granted")) {
        try (ResultSet rs = s.executeQuery(sql)) {
          ResultSetMetaData columns = rs.getMetaData();
          while (rs.next()) {
            for (int i = 1; i <= columns.getColumnCount(); i++) {
              out.append(columns.getColumnLabel(i)).append('=').append(rs.getString(i));
              out.append(i < columns.getColumnCount() ? ", " : "\n");
            }
          }
        }
      }
      return out.toString();
    } catch (SQLException e) {
      return "unavailable: " + e.getMessage();
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
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
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

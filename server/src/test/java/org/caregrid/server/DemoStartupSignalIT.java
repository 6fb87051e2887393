package org.caregrid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C or a harness's SIGTERM may reach the demo at any moment of its start-up; whenever it does,
 * the demo stops what it started and leaves no embedded server behind. A demo killed outright
 * (SIGKILL, a power cut) does leave its PostgreSQL running; the next start stops that one and comes
 * up.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DemoStartupSignalIT {
  private static final String UP = "CareGrid demo is up";

  @TempDir Path dir;
  private DemoProcess demo;
  private Process process;

  @AfterEach
  void killWhatIsLeft() throws IOException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
    if (demo != null) {
      demo.database().ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aSignalOnceTheDatabaseRunsStopsItToo() throws Exception {
    demo = new DemoProcess(dir, dir.resolve("data"), 5);
    process = demo.start(dir.resolve("demo.log"));
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> demo.database().isPresent());

    process.destroy();

    assertStoppedCleanlyBeforeItWasUp();
  }

  @Test
  void aSignalWhileTheDevicesConnectStopsEverything() throws Exception {
    // the default district: connecting its few hundred simulated devices takes seconds
    demo = new DemoProcess(dir, dir.resolve("data"), 60);
    process = demo.start(dir.resolve("demo.log"));
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(100))
        .until(this::healthAnswers);

    process.destroy();

    assertStoppedCleanlyBeforeItWasUp();
  }

  @Test
  void theNextStartStopsADatabaseAKilledDemoLeftRunning() throws Exception {
    Path data = dir.resolve("data");
    demo = new DemoProcess(dir, data, 5);
    process = demo.start(dir.resolve("killed.log"));
    await().atMost(Duration.ofMinutes(2)).until(() -> log("killed.log").contains(UP));
    ProcessHandle orphan = demo.database().orElseThrow();

    process.destroyForcibly(); // SIGKILL: no shutdown hook runs
    await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    assertThat(orphan.isAlive()).as("the killed demo's PostgreSQL still runs").isTrue();

    process = demo.start(dir.resolve("next.log"));
    await().atMost(Duration.ofMinutes(2)).until(() -> log("next.log").contains(UP));
    assertThat(orphan.isAlive()).isFalse();
    assertThat(log("next.log")).contains("an earlier demo left running");

    process.destroy();
    await().atMost(Duration.ofMinutes(1)).until(() -> !process.isAlive());
    await().atMost(Duration.ofSeconds(10)).until(() -> demo.portsFree());
    assertThat(demo.database()).isEmpty();
  }

  private void assertStoppedCleanlyBeforeItWasUp() throws IOException {
    await().atMost(Duration.ofMinutes(1)).until(() -> !process.isAlive());
    assertThat(log("demo.log")).as("signalled during start-up").doesNotContain(UP);
    Optional<ProcessHandle> database = demo.database();
    assertThat(database).as("the embedded PostgreSQL").isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> demo.portsFree());
    assertThat(log("demo.log")).contains("Stopped");
  }

  private boolean healthAnswers() {
    try {
      // A short wait per poll: once in CI the first request after start-up got no answer (a
      // NullPointerException in Vert.x's HTTP server metrics), and a 10 s wait on it outlasted
      // the start-up this test signals into.
      return DemoProcess.get("http://127.0.0.1:" + demo.httpPort + "/health", Duration.ofSeconds(1))
              .statusCode()
          == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private String log(String name) throws IOException {
    return Files.readString(dir.resolve(name));
  }
}

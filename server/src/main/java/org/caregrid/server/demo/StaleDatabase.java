package org.caregrid.server.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL that a demo killed before it could stop it left running in the demo's data
 * folder. It still holds the port, so the next demo would refuse to start; its clients died with
 * that demo, so it can be stopped without losing anything it acknowledged.
 */
final class StaleDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(StaleDatabase.class);
  private static final Duration SHUTDOWN = Duration.ofSeconds(30);

  private StaleDatabase() {}

  /**
   * Stops the server recorded in {@code pgData}'s {@code postmaster.pid} if it still runs. Call
   * only while holding the folder's {@link DataDirLock}, so it cannot belong to a running demo.
   */
  static void stopIfLeft(Path pgData) {
    Optional<ProcessHandle> server = postmaster(pgData);
    if (server.isEmpty()) {
      return; // none recorded, or the pid file is stale: PostgreSQL clears that itself
    }
    long pid = server.get().pid();
    LOG.warn("Stopping the embedded PostgreSQL (pid {}) an earlier demo left running", pid);
    // SIGTERM: PostgreSQL's smart shutdown, immediate with no clients left.
    server.get().destroy();
    try {
      server.get().onExit().get(SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the embedded PostgreSQL an earlier demo left running (pid %d) did not stop within %d s"
              .formatted(pid, SHUTDOWN.toSeconds()),
          e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not wait for pid " + pid + " to stop", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping pid " + pid, e);
    }
  }

  /** The live postmaster {@code postmaster.pid} names: its first line is the pid. */
  private static Optional<ProcessHandle> postmaster(Path pgData) {
    List<String> lines;
    try {
      lines = Files.readAllLines(pgData.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
  }
}

package org.caregrid.server;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what a command started when the JVM is told to stop (SIGINT from Ctrl-C, SIGTERM from a
 * service manager): the JVM runs this hook and exits once it returns.
 */
final class StopOnSignal {
  private static final Logger LOG = LoggerFactory.getLogger(StopOnSignal.class);

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread hook;

  StopOnSignal(AutoCloseable running) {
    hook = new Thread(() -> stop(running), "caregrid-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private void stop(AutoCloseable running) {
    LOG.info("Shutting down");
    try {
      running.close();
      LOG.info("Stopped");
    } catch (Exception e) {
      LOG.warn("Shutdown was not clean: {}", e.getMessage());
    }
    stopped.countDown();
  }

  /** Blocks until a signal has stopped everything; the command's exit code. */
  int await() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * The command ends by itself (a failed start): nothing for a signal to stop. Returns false when a
   * signal came first and the hook is already stopping everything.
   */
  boolean cancel() {
    try {
      return Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shutdownInProgress) {
      return false;
    }
  }
}

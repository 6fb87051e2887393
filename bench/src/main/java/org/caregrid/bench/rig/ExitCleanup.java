package org.caregrid.bench.rig;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Stops what a bench started when its JVM is stopped from outside (Ctrl-C, kill): a shutdown hook
 * ends the processes the bench started itself, then closes what was added here, newest first, for
 * what runs in its own session (a Patroni pair's daemons). A bench that ends by itself closes this
 * last, which removes the hook. A kill -9 leaves everything running, as before.
 */
public final class ExitCleanup implements AutoCloseable {
  private final Deque<AutoCloseable> added = new ConcurrentLinkedDeque<>();
  private final Thread hook = new Thread(this::cleanUp, "bench-exit-cleanup");

  public ExitCleanup() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Closes {@code resource} too if the JVM is stopped before the bench closes it. */
  public <T extends AutoCloseable> T add(T resource) {
    added.push(resource);
    return resource;
  }

  private void cleanUp() {
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
    for (AutoCloseable resource = added.poll(); resource != null; resource = added.poll()) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("bench: could not stop " + resource + ": " + e);
      }
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running, or has run
    }
  }
}

package org.caregrid.server.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL refuses to run as root, and so the embedded database cannot start in a root shell (a
 * CI runner, a container). Rather than fail, the demo runs itself again as the unprivileged user
 * {@code nobody}, which owns the data folder from then on.
 */
public final class RootGuard {
  private static final Logger LOG = LoggerFactory.getLogger(RootGuard.class);
  private static final String USER = "nobody";
  private static final String GROUP_ID = "65534";

  private RootGuard() {}

  public static boolean runningAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Runs this JVM's command again as {@code nobody} and returns its exit code. Signals reach the
   * child through the shared process group, so Ctrl-C still shuts the demo down cleanly.
   */
  public static int rerunUnprivileged(Path dataDir, List<String> args)
      throws IOException, InterruptedException {
    Files.createDirectories(dataDir);
    Path tmp = Files.createDirectories(dataDir.resolve("tmp"));
    handOver(dataDir);
    // setpriv execs in place (unlike runuser, which stays as a parent and SIGKILLs after 2 s).
    List<String> command =
        new ArrayList<>(
            List.of("setpriv", "--reuid=" + USER, "--regid=" + GROUP_ID, "--clear-groups", "--"));
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.caregrid.server.Main");
    command.addAll(args);
    LOG.info("PostgreSQL does not run as root: running the demo as user '{}'", USER);
    Process child = new ProcessBuilder(command).inheritIO().start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitChild(child)));
    return child.waitFor();
  }

  /** On SIGTERM to this parent alone, pass it on and wait, so the child also stops cleanly. */
  private static void awaitChild(Process child) {
    if (child.isAlive()) {
      child.destroy();
      try {
        child.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void handOver(Path dataDir) throws IOException {
    UserPrincipal nobody =
        dataDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
    try (Stream<Path> all = Files.walk(dataDir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.setOwner(p, nobody);
      }
    }
  }
}

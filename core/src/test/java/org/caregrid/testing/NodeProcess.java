package org.caregrid.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CareGrid node as it is deployed: its own JVM running the server's packaged jar ({@code java
 * -jar caregrid.jar run}) with settings from the environment and its output in a log, for tests and
 * benchmarks that kill it or run several.
 */
public final class NodeProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final Path log;

  private NodeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code jar run --roles roles} with {@code env} on top of this JVM's environment, and no
   * configuration file (a missing one: every setting is a default or from {@code env}).
   *
   * @param jvmArgs options before {@code -jar} (heap, JFR)
   */
  public static NodeProcess start(
      Path jar, String roles, Map<String, String> env, Path log, List<String> jvmArgs)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "run", "--roles", roles));
    cmd.addAll(List.of("--config", log.resolveSibling("none.yaml").toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new NodeProcess(pb.start(), log);
  }

  /** As above, with the JVM's default options. */
  public static NodeProcess start(Path jar, String roles, Map<String, String> env, Path log)
      throws IOException {
    return start(jar, roles, env, log, List.of());
  }

  /**
   * The settings that make a node a member of a cluster listening on {@code port}, with every
   * member (this one included) on loopback at {@code memberPorts}.
   */
  public static Map<String, String> clusterEnv(int port, List<Integer> memberPorts) {
    Map<String, String> env = new HashMap<>();
    env.put("CAREGRID_CLUSTER_ENABLED", "true");
    env.put("CAREGRID_CLUSTER_PORT", Integer.toString(port));
    env.put(
        "CAREGRID_CLUSTER_MEMBERS",
        String.join(",", memberPorts.stream().map(p -> "127.0.0.1:" + p).toList()));
    return env;
  }

  /**
   * Waits for the {@code nth} line of the log that contains {@code text}; fails at once, naming the
   * log, if the process exits first.
   */
  public NodeProcess awaitLine(String text, int nth) {
    await(text + " (" + nth + ") in " + log)
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (lines(text) >= nth) {
                return true;
              }
              if (!process.isAlive()) {
                throw new IllegalStateException("the node exited; see " + log);
              }
              return false;
            });
    return this;
  }

  /** The first line with {@code text}, as {@link #awaitLine(String, int)}. */
  public NodeProcess awaitLine(String text) {
    return awaitLine(text, 1);
  }

  /** Lines of the log so far that contain {@code text}. */
  public long lines(String text) {
    if (!Files.exists(log)) {
      return 0;
    }
    try (var all = Files.lines(log)) {
      return all.filter(l -> l.contains(text)).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, as a machine that dies: returns once the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM, as a service stop: the node closes its connections and exits. */
  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  /** Kills it if it is still running: a test's clean-up after a failure. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}

package org.caregrid.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A Patroni-managed PostgreSQL 15 primary with a synchronous standby and one etcd, started by
 * scripts/patroni.sh on free loopback ports, or a skipped test where Patroni or etcd is missing.
 */
public final class PatroniPair implements AutoCloseable {
  /** The script; tests run in a module's folder, beside scripts/. */
  private static final Path SCRIPT = Path.of("..", "scripts", "patroni.sh");

  /**
   * The longest a script command may take: patroni.sh waits up to its ready timeout
   * (CAREGRID_PATRONI_READY_TIMEOUT, 120 s unless set) for each of etcd, the leader and the
   * standby.
   */
  private static final Duration SCRIPT_LIMIT =
      Duration.ofSeconds(
          3 * Long.parseLong(System.getenv().getOrDefault("CAREGRID_PATRONI_READY_TIMEOUT", "120"))
              + 30);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Map<String, String> env;
  private final Path script;
  private final Path dir;
  private final int[] pgPorts;
  private final int[] apiPorts;
  private boolean closed;

  private PatroniPair(Path script, Path dir, int[] pgPorts, int[] apiPorts, int[] etcdPorts) {
    this.script = script.toAbsolutePath();
    this.dir = dir;
    this.pgPorts = pgPorts;
    this.apiPorts = apiPorts;
    this.env =
        Map.of(
            "CAREGRID_PATRONI_DIR", dir.toString(),
            "CAREGRID_PATRONI_PG_PORTS", pgPorts[0] + "," + pgPorts[1],
            "CAREGRID_PATRONI_API_PORTS", apiPorts[0] + "," + apiPorts[1],
            "CAREGRID_ETCD_PORTS", etcdPorts[0] + "," + etcdPorts[1]);
  }

  /** Starts a fresh pair, or skips the calling test where Patroni or etcd is not installed. */
  public static PatroniPair start(Path log) throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        installed(),
        "patroni or etcd is not installed (apt-get install patroni etcd-server):"
            + " database failover untested");
    return start(SCRIPT, log);
  }

  /** Whether Patroni and etcd are installed where Debian puts them. */
  public static boolean installed() {
    return Stream.of("/usr/bin/patroni", "/usr/bin/etcd")
        .allMatch(tool -> Files.isExecutable(Path.of(tool)));
  }

  /**
   * Starts a fresh pair with {@code script} (scripts/patroni.sh); its output goes to {@code log}.
   */
  public static PatroniPair start(Path script, Path log) throws IOException, InterruptedException {
    int[] pg = {FreePorts.tcp(), FreePorts.tcp()};
    // Under /tmp, not the build directory: PostgreSQL runs as postgres and must reach its data.
    PatroniPair pair =
        new PatroniPair(
            script,
            Path.of("/tmp", "caregrid-patroni-" + pg[0]),
            pg,
            new int[] {FreePorts.tcp(), FreePorts.tcp()},
            new int[] {FreePorts.tcp(), FreePorts.tcp()});
    pair.script("start", log);
    return pair;
  }

  /** The multi-host URL CareGrid is given: whichever member is primary takes the writes. */
  public String url() {
    return "jdbc:postgresql://127.0.0.1:%d,127.0.0.1:%d/postgres?user=postgres&targetServerType=primary"
        .formatted(pgPorts[0], pgPorts[1]);
  }

  /** The index (0 or 1) of the member Patroni reports as primary, or -1 while there is none. */
  public int primary() {
    for (int i = 0; i < 2; i++) {
      if (status(apiPorts[i], "/primary") == 200) {
        return i;
      }
    }
    return -1;
  }

  /** SIGKILL to a member's Patroni and its postmaster at once: the machine is gone. */
  public void killMember(int member) throws IOException {
    String name = "n" + (member + 1);
    for (Path pidFile :
        List.of(dir.resolve(name + ".pid"), dir.resolve(name + "/postmaster.pid"))) {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /**
   * Starts a killed member's Patroni again, as its machine's restart would, and returns once it is
   * the synchronous standby: Patroni rewinds its data to the new primary's timeline, or copies the
   * primary afresh when it cannot.
   */
  public void rejoin(int member, Path log) throws IOException, InterruptedException {
    script("rejoin n" + (member + 1), log);
  }

  public int pgPort(int member) {
    return pgPorts[member];
  }

  private static int status(int port, String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private void script(String command, Path log) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                Stream.concat(Stream.of(script.toString()), Stream.of(command.split(" "))).toList())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(SCRIPT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("patroni.sh " + command + " took too long; see " + log);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "patroni.sh " + command + " failed: " + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  /** Stops the pair and deletes its folder, once: a bench's exit hook may call it too. */
  @Override
  public synchronized void close() throws IOException, InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    Path log = Files.createTempFile("patroni-stop", ".log");
    try {
      script("stop", log);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }
}

package org.caregrid.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Mosquitto of the test's own on a free loopback port, configured with the queue limits (and no
 * topic aliases) that deploy/mosquitto/caregrid.conf ships: the machine's broker keeps Mosquitto's
 * defaults, which drop QoS 1 messages for a session that falls 1,000 behind, and fault tests must
 * test the real setup.
 */
public final class TestMosquitto implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

  /** The production configuration; tests run in a module's folder, beside deploy/. */
  private static final Path DEPLOYED = Path.of("..", "deploy", "mosquitto", "caregrid.conf");

  private static final List<String> QUEUE_LIMITS =
      List.of(
          "max_queued_messages 2500000",
          "max_queued_bytes 536870912",
          "max_inflight_messages 100",
          "max_topic_alias 0");

  private final Path conf;
  private final Path log;
  private final int port;
  private Process process;

  private TestMosquitto(Path conf, Path log, int port) {
    this.conf = conf;
    this.log = log;
    this.port = port;
  }

  /** Starts it open to anonymous clients, or skips the calling test where it is not installed. */
  public static TestMosquitto start(Path dir) throws IOException {
    return start(dir, List.of("allow_anonymous true"));
  }

  /**
   * Starts it with {@code access} as its access settings (e.g. password and ACL files), or skips
   * the calling test where Mosquitto is not installed.
   */
  public static TestMosquitto start(Path dir, List<String> access) throws IOException {
    List<String> lines = new ArrayList<>(access);
    lines.add("persistence false");
    lines.addAll(QUEUE_LIMITS);
    return launch(dir, lines);
  }

  /**
   * Starts it with persistence on in {@code dir}, as deploy/mosquitto/caregrid.conf ships it, so
   * that {@link #restart()} keeps sessions and queued messages.
   */
  public static TestMosquitto startPersistent(Path dir) throws IOException {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "allow_anonymous true",
                // As root Mosquitto would switch to its own user, who cannot write the test's dir.
                "user " + System.getProperty("user.name"),
                "persistence true",
                "persistence_location " + dir.toAbsolutePath() + "/",
                "autosave_interval 60"));
    lines.addAll(QUEUE_LIMITS);
    return launch(dir, lines);
  }

  /**
   * Starts it with the production configuration, deploy/mosquitto/caregrid.conf, as it is but for
   * where it listens and keeps its files: loopback on a free port, {@code dir}, and the files of
   * {@code caregrid broker-auth} from {@code authDir} instead of /etc/mosquitto/caregrid.
   */
  public static TestMosquitto startDeployed(Path dir, Path authDir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(DEPLOYED)) {
      if (line.startsWith("pid_file")
          || line.startsWith("log_dest")
          || line.startsWith("listener")
          || line.startsWith("persistence_location")) {
        continue;
      }
      lines.add(line.replace("/etc/mosquitto/caregrid/", authDir.toAbsolutePath() + "/"));
    }
    lines.add("persistence_location " + dir.toAbsolutePath() + "/");
    // Started as root, Mosquitto switches to its own user, who cannot read the files this test's
    // user owns with mode 0600; started as anyone else, it ignores this.
    lines.add("user " + System.getProperty("user.name"));
    return launch(dir, lines);
  }

  private static TestMosquitto launch(Path dir, List<String> settings) throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(BINARY), "Mosquitto is not installed at " + BINARY);
    int port = FreePorts.tcp();
    Path conf = dir.resolve("mosquitto.conf");
    List<String> lines = new ArrayList<>(List.of("listener " + port + " 127.0.0.1"));
    lines.addAll(settings);
    Files.write(conf, lines);
    TestMosquitto broker = new TestMosquitto(conf, dir.resolve("mosquitto.log"), port);
    broker.run();
    return broker;
  }

  private void run() throws IOException {
    Process started =
        new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    process = started;
    await("mosquitto accepting on " + port)
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              if (!started.isAlive()) {
                throw new IllegalStateException("mosquitto exited: " + Files.readString(log));
              }
              return accepting();
            });
  }

  /**
   * Stops the broker as a service restart does (SIGTERM: it saves its persistence file and exits)
   * and starts it again on the same port with the same configuration.
   */
  public void restart() throws IOException, InterruptedException {
    close();
    run();
  }

  private boolean accepting() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}

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
 * A Mosquitto of the test's own on a free loopback port, configured with the queue limits that
 * deploy/mosquitto/caregrid.conf ships: the machine's broker keeps Mosquitto's defaults, which drop
 * QoS 1 messages for a session that falls 1,000 behind, and fault tests must test the real setup.
 */
public final class TestMosquitto implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

  /** The production configuration; tests run in a module's folder, beside deploy/. */
  private static final Path DEPLOYED = Path.of("..", "deploy", "mosquitto", "caregrid.conf");

  private final Process process;
  private final int port;

  private TestMosquitto(Process process, int port) {
    this.process = process;
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
    lines.addAll(
        List.of(
            "persistence false",
            "max_queued_messages 2500000",
            "max_queued_bytes 536870912",
            "max_inflight_messages 100"));
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
    Path log = dir.resolve("mosquitto.log");
    Process process =
        new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    TestMosquitto broker = new TestMosquitto(process, port);
    await("mosquitto accepting on " + port)
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited: " + Files.readString(log));
              }
              return broker.accepting();
            });
    return broker;
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

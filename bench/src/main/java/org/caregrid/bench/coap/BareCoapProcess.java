package org.caregrid.bench.coap;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@link BareCoapServer} in its own JVM, with the same heap as the platform's. */
final class BareCoapProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private BareCoapProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static BareCoapProcess start(Path keys, Path log, String heap) throws IOException {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + heap,
            "-Xms" + heap,
            "-cp",
            System.getProperty("java.class.path"),
            BareCoapServer.class.getName(),
            keys.toString());
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    await("bare CoAP server started")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> port(log).isPresent() || !p.isAlive());
    if (!p.isAlive()) {
      throw new IllegalStateException("the bare CoAP server did not start; see " + log);
    }
    return new BareCoapProcess(p, port(log).orElseThrow());
  }

  private static Optional<Integer> port(Path log) throws IOException {
    return Files.readAllLines(log).stream()
        .filter(l -> l.startsWith(BareCoapServer.LISTENING))
        .map(l -> Integer.parseInt(l.substring(BareCoapServer.LISTENING.length()).trim()))
        .findFirst();
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    // a JVM thrashing in a full heap may never get to its shutdown: the bench must still end
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}

package org.caregrid.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.caregrid.testing.FreePorts;

/**
 * The packaged demo as a user starts it ({@code java -jar caregrid.jar demo}), on ports of its own
 * so that it can run beside anything else on the machine, its output in a file.
 */
final class DemoProcess {
  private static final Path JAR = Path.of("target", "caregrid.jar");

  final int httpPort = FreePorts.tcp();
  final int brokerPort = FreePorts.tcp();
  final int databasePort = FreePorts.tcp();
  final int coapPort = FreePorts.udp();
  final int coapSecurePort = FreePorts.udp();
  private final Path dir;
  private final Path data;
  private final int homes;

  /**
   * @param dir the test's folder, for the configuration and logs
   * @param data the demo's data folder
   */
  DemoProcess(Path dir, Path data, int homes) {
    this.dir = dir;
    this.data = data;
    this.homes = homes;
  }

  /** Starts the demo; its output, and errors, go to {@code log}. */
  Process start(Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    JAR.toAbsolutePath().toString(),
                    "demo",
                    "--config",
                    dir.resolve("none.yaml").toString(),
                    "--data-dir",
                    data.toString(),
                    "--http-port",
                    Integer.toString(httpPort),
                    "--broker-port",
                    Integer.toString(brokerPort),
                    "--database-port",
                    Integer.toString(databasePort),
                    "--homes",
                    Integer.toString(homes)))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // As a service manager starts it: no locale, so the JVM's default charset is US-ASCII.
    builder.environment().keySet().removeIf(name -> name.equals("LANG") || name.startsWith("LC_"));
    builder.environment().put("CAREGRID_INGEST_COAP_PORT", Integer.toString(coapPort));
    builder.environment().put("CAREGRID_INGEST_COAP_SECURE_PORT", Integer.toString(coapSecurePort));
    return builder.start();
  }

  /** The embedded PostgreSQL's postmaster, while {@code postmaster.pid} names a live one. */
  Optional<ProcessHandle> database() throws IOException {
    List<String> lines;
    try {
      lines =
          Files.readAllLines(data.resolve("postgres/postmaster.pid"), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      return Optional.empty(); // being written
    }
    return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
  }

  boolean portsFree() {
    return free(httpPort) && free(brokerPort) && free(databasePort);
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A GET that gives up after 10 s: a request's own timeout covers its headers, not its body. */
  static HttpResponse<String> get(String url) throws Exception {
    return get(url, Duration.ofSeconds(10));
  }

  static HttpResponse<String> get(String url, Duration timeout) throws Exception {
    return HttpClient.newHttpClient()
        .sendAsync(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.ofString())
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}

package org.caregrid.bench.rig;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform under test, as it is deployed: its own JVM ({@code caregrid.jar run}) with a capped
 * heap, ingest (and alerting, for the alerting bench) plus the HTTP server for {@code /metrics}.
 */
public final class IngestProcess implements AutoCloseable {
  private final Process process;
  private final int httpPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private IngestProcess(Process process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  public static IngestProcess start(
      Path jar, Path log, String heap, List<String> jvmArgs, Map<String, String> env, int httpPort)
      throws IOException {
    return start(jar, log, heap, jvmArgs, env, httpPort, "ingest,dashboard");
  }

  /** As above, with the roles to run ({@code ingest,alerting,dashboard}). */
  public static IngestProcess start(
      Path jar,
      Path log,
      String heap,
      List<String> jvmArgs,
      Map<String, String> env,
      int httpPort,
      String roles)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.add("-Xms" + heap);
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-jar", jar.toString(), "run", "--roles", roles));
    cmd.addAll(List.of("--config", log.resolveSibling("none.yaml").toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("CAREGRID_HTTP_PORT", Integer.toString(httpPort));
    Process p = pb.start();
    await("ingest started")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> Files.readString(log).contains("running:") || !p.isAlive());
    if (!p.isAlive()) {
      throw new IllegalStateException("the platform did not start; see " + log);
    }
    return new IngestProcess(p, httpPort);
  }

  public int httpPort() {
    return httpPort;
  }

  public long pid() {
    return process.pid();
  }

  /** The platform's {@code /metrics}, as Prometheus reads it. */
  public String scrape() throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Sum of every sample of {@code name} whose labels contain {@code label}. */
  public double metric(String name, String label) throws IOException, InterruptedException {
    return scrape()
        .lines()
        .filter(
            l ->
                l.startsWith(name)
                    && (l.charAt(name.length()) == '{' || l.charAt(name.length()) == ' '))
        .filter(l -> l.contains(label))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** CPU seconds the process has used (user + system), from /proc. */
  public double cpuSeconds() throws IOException {
    return ProcStat.cpuSeconds(process.pid());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  public static Map<String, String> env(
      String dbUrl, String brokerUrl, int connections, int receiveMaximum) {
    return Map.of(
        "CAREGRID_DATABASE_URL",
        dbUrl,
        "CAREGRID_MQTT_URL",
        brokerUrl,
        "CAREGRID_NODE_NAME",
        "bench",
        "CAREGRID_INGEST_MQTT_CONNECTIONS",
        Integer.toString(connections),
        "CAREGRID_INGEST_MQTT_RECEIVE_MAXIMUM",
        Integer.toString(receiveMaximum),
        "CAREGRID_INGEST_MQTT_SHARE_GROUP",
        "bench",
        "CAREGRID_INGEST_COAP_ENABLED",
        "false");
  }

  /**
   * The same settings with CoAP over DTLS on loopback UDP {@code securePort} (no plain CoAP), the
   * devices' keys sealed under the key in {@code pskKeyFile}.
   */
  public static Map<String, String> withCoap(
      Map<String, String> env, int securePort, Path pskKeyFile) {
    Map<String, String> out = new HashMap<>(env);
    out.put("CAREGRID_DATABASE_PSK_KEY_FILE", pskKeyFile.toAbsolutePath().toString());
    out.put("CAREGRID_INGEST_COAP_ENABLED", "true");
    out.put("CAREGRID_INGEST_COAP_HOST", "127.0.0.1");
    out.put("CAREGRID_INGEST_COAP_SECURE_PORT", Integer.toString(securePort));
    return out;
  }
}

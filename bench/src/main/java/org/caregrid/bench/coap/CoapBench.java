package org.caregrid.bench.coap;

import static org.awaitility.Awaitility.await;
import static org.caregrid.bench.rig.Results.round;
import static org.caregrid.bench.rig.Results.say;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.caregrid.bench.district.BedTelemetry;
import org.caregrid.bench.rig.BenchDatabase;
import org.caregrid.bench.rig.IngestProcess;
import org.caregrid.bench.rig.PlatformOptions;
import org.caregrid.bench.rig.ProcStat;
import org.caregrid.bench.rig.Results;
import org.caregrid.core.device.PskKeyFile;
import org.caregrid.testing.FreePorts;
import org.caregrid.testing.TestMosquitto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * CoAP over DTLS, side by side in one run: the platform's CoAP server (its own JVM, answering after
 * the commit) and a bare Californium server doing no work (its own JVM, same heap), under the same
 * devices in a closed loop. DTLS handshakes happen before the timed window and are reported apart.
 * Zero loss: the rows stored are counted against the readings the platform acknowledged with 2.04.
 */
@Command(
    name = "coap",
    mixinStandardHelpOptions = true,
    description = "CoAP over DTLS benchmark: the platform beside a bare Californium server.")
public final class CoapBench implements Callable<Integer> {
  @Mixin PlatformOptions server;

  @Option(names = "--devices", defaultValue = "1000", description = "DTLS clients, one PSK each")
  public int devices;

  @Option(names = "--seconds", defaultValue = "30", description = "timed window per server")
  public int seconds;

  @Option(names = "--warmup-seconds", defaultValue = "10", description = "untimed, per server")
  public int warmupSeconds;

  @Option(
      names = "--concurrency",
      defaultValue = "1000",
      description = "requests in flight (at most one per device)")
  public int concurrency;

  @Option(names = "--handshakes-at-once", defaultValue = "100")
  public int handshakesAtOnce;

  @Option(names = "--load-threads", defaultValue = "2", description = "shared by every client")
  public int loadThreads;

  private final Results results = new Results();

  /** What the last run measured. */
  public Results results() {
    return results;
  }

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("caregrid-bench");
    List<String> ids = BenchDatabase.deviceIds(devices);
    DeviceKeys keys = DeviceKeys.random(ids);
    Path keyFile = dir.resolve("keys");
    keys.write(keyFile);
    results.put("devices", devices);
    results.put("concurrency", Math.min(concurrency, devices));
    results.put("seconds", seconds);
    boolean noLoss;
    // ingest needs a broker for its MQTT side, though this run sends it nothing
    try (TestMosquitto broker = TestMosquitto.start(dir);
        BenchDatabase db = BenchDatabase.create(server.adminUrl)) {
      db.describe(results);
      db.enrol(devices);
      Path pskKeyFile = dir.resolve("psk.key");
      keys.enrol(db.dataSource(), PskKeyFile.loadOrCreate(pskKeyFile));
      int coapPort = FreePorts.udp();
      try (IngestProcess ingest =
              IngestProcess.start(
                  server.jar.toAbsolutePath(),
                  dir.resolve("ingest.log"),
                  server.heap,
                  List.of(),
                  IngestProcess.withCoap(
                      IngestProcess.env(db.url(), broker.url(), 1, 1000), coapPort, pskKeyFile),
                  FreePorts.tcp());
          BareCoapProcess bare =
              BareCoapProcess.start(keyFile, dir.resolve("bare.log"), server.heap);
          DtlsDevices load = new DtlsDevices(keys, loadThreads)) {
        say("%d DTLS clients ready; logs in %s", devices, dir);
        long acked = measure("ingest", load, coapPort, ingest.pid());
        noLoss = checkStored(db, acked);
        measure("bare", load, bare.port(), bare.pid());
      }
    }
    double ratio =
        (Double) results.get("ingest_requests_per_s") / (Double) results.get("bare_requests_per_s");
    results.put("ratio_ingest_to_bare", Math.round(ratio * 1000) / 1000.0);
    printTable();
    System.out.println(results.toJson());
    return noLoss ? 0 : 1;
  }

  /** Handshakes, warm-up, then the timed window; returns the readings acknowledged in all three. */
  private long measure(String name, DtlsDevices load, int port, long serverPid) throws Exception {
    URI target = URI.create("coaps://127.0.0.1:" + port + "/telemetry");
    ClosedLoop handshakes = new ClosedLoop(load, target, handshakesAtOnce);
    ClosedLoop loop = new ClosedLoop(load, target, concurrency);

    say(
        "%s: %d DTLS handshakes, %d at once, each with its first POST",
        name, devices, handshakesAtOnce);
    Tally first = handshakes.once();
    results.put(name + "_handshakes_s", round(first.seconds()));
    results.put(name + "_handshakes_ok", first.changed());
    results.put(name + "_first_post_p50_ms", round(first.percentileMs(50)));
    results.put(name + "_first_post_p99_ms", round(first.percentileMs(99)));
    results.put(name + "_cipher_suite", load.cipherSuite());

    say("%s: warming up for %d s", name, warmupSeconds);
    Tally warm = loop.run(Duration.ofSeconds(warmupSeconds));

    say(
        "%s: %d s closed loop, %d requests in flight",
        name, seconds, Math.min(concurrency, devices));
    long loadPid = ProcessHandle.current().pid();
    double server0 = ProcStat.cpuSeconds(serverPid);
    double load0 = ProcStat.cpuSeconds(loadPid);
    double busy0 = ProcStat.machineBusySeconds();
    long t0 = System.nanoTime();
    Tally run = loop.run(Duration.ofSeconds(seconds));
    // over the window and the tail of answers after it
    double elapsed = (System.nanoTime() - t0) / 1e9;
    double cpu = (ProcStat.cpuSeconds(serverPid) - server0) / elapsed;
    double loadCpu = (ProcStat.cpuSeconds(loadPid) - load0) / elapsed;
    double busy = (ProcStat.machineBusySeconds() - busy0) / elapsed;

    results.put(name + "_requests_per_s", round(run.perSecond()));
    results.put(name + "_p50_ms", round(run.percentileMs(50)));
    results.put(name + "_p99_ms", round(run.percentileMs(99)));
    results.put(name + "_max_ms", round(run.maxMs()));
    results.put(name + "_5_03", warm.unavailable() + run.unavailable());
    results.put(name + "_other_codes", warm.otherCodes() + run.otherCodes());
    results.put(name + "_timeouts", first.timeouts() + warm.timeouts() + run.timeouts());
    results.put(name + "_send_failures", first.failed() + warm.failed() + run.failed());
    results.put(
        name + "_retransmissions",
        first.retransmissions() + warm.retransmissions() + run.retransmissions());
    results.put(name + "_server_cpu_cores", round(cpu));
    results.put(name + "_load_cpu_cores", round(loadCpu));
    results.put(name + "_machine_cpu_cores", round(busy));
    say(
        "%s: %.0f requests/s, p50 %.1f ms, p99 %.1f ms; CPU cores: server %.1f, load %.1f,"
            + " machine %.1f",
        name, run.perSecond(), run.percentileMs(50), run.percentileMs(99), cpu, loadCpu, busy);
    return BedTelemetry.READINGS * (first.changed() + warm.changed() + run.changed());
  }

  /**
   * Zero loss: every reading acknowledged with 2.04 is stored. More may be stored than acknowledged
   * when a request timed out after its commit; fewer never.
   */
  private boolean checkStored(BenchDatabase db, long acked) {
    await("acknowledged readings stored")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> db.readings() >= acked);
    long stored = db.readings();
    results.put("ingest_readings_acked", acked);
    results.put("ingest_readings_stored", stored);
    say("ingest: %d readings acknowledged with 2.04, %d stored", acked, stored);
    return stored >= acked;
  }

  private void printTable() {
    String[][] rows = {
      {"requests/s (2.04)", "requests_per_s"},
      {"latency p50 ms", "p50_ms"},
      {"latency p99 ms", "p99_ms"},
      {"latency max ms", "max_ms"},
      {"5.03 answers", "5_03"},
      {"other error codes", "other_codes"},
      {"timeouts", "timeouts"},
      {"send failures", "send_failures"},
      {"CoAP retransmissions", "retransmissions"},
      {"server CPU, cores", "server_cpu_cores"},
      {"load generator CPU, cores", "load_cpu_cores"},
      {"machine CPU, cores", "machine_cpu_cores"},
      {"handshakes of all devices, s", "handshakes_s"},
      {"handshakes completed", "handshakes_ok"},
      {"handshake + first POST p50 ms", "first_post_p50_ms"},
      {"handshake + first POST p99 ms", "first_post_p99_ms"},
    };
    System.out.printf(Locale.ROOT, "%n| %-30s | %12s | %12s |%n", "", "ingest", "bare");
    System.out.printf(Locale.ROOT, "|%s|%s|%s|%n", "-".repeat(32), "-".repeat(14), "-".repeat(14));
    for (String[] row : rows) {
      System.out.printf(
          Locale.ROOT,
          "| %-30s | %12s | %12s |%n",
          row[0],
          results.get("ingest_" + row[1]),
          results.get("bare_" + row[1]));
    }
    System.out.printf(
        Locale.ROOT,
        "ratio ingest / bare: %s; readings acknowledged %s, stored %s; DTLS cipher suite %s%n%n",
        results.get("ratio_ingest_to_bare"),
        results.get("ingest_readings_acked"),
        results.get("ingest_readings_stored"),
        results.get("ingest_cipher_suite"));
  }
}

package org.caregrid.bench.ingest;

import static org.awaitility.Awaitility.await;
import static org.caregrid.bench.rig.Results.round;
import static org.caregrid.bench.rig.Results.say;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.caregrid.bench.district.DeviceLoad;
import org.caregrid.bench.rig.BenchDatabase;
import org.caregrid.bench.rig.IngestProcess;
import org.caregrid.bench.rig.JfrRecording;
import org.caregrid.bench.rig.PlatformOptions;
import org.caregrid.bench.rig.ProcStat;
import org.caregrid.bench.rig.Results;
import org.caregrid.ingest.store.CopyFormat;
import org.caregrid.testing.FreePorts;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestMosquitto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Ingest throughput, side by side in one run: the broker's own QoS 1 passthrough to a plain
 * subscriber, raw COPY into the same table, then the platform sustained at a rate, then at twice
 * that rate until the backlog drains; the platform part once per writer format asked for. Zero loss
 * is checked by counting rows at the end of each part.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "MQTT ingest benchmark.")
public final class IngestBench implements Callable<Integer> {
  @Mixin PlatformOptions server;

  @Option(names = "--rate", defaultValue = "15000", description = "messages/s of 4 readings")
  public double rate;

  @Option(names = "--seconds", defaultValue = "300", description = "length of the sustained run")
  public int seconds;

  @Option(names = "--overload-seconds", defaultValue = "60")
  public int overloadSeconds;

  @Option(names = "--passthrough-seconds", defaultValue = "20")
  public int passthroughSeconds;

  @Option(names = "--copy-seconds", defaultValue = "15")
  public int copySeconds;

  @Option(names = "--devices", defaultValue = "2000")
  public int devices;

  @Option(names = "--publishers", defaultValue = "4", description = "load generator connections")
  public int publishers;

  @Option(names = "--connections", defaultValue = "2", description = "ingest's Paho connections")
  public int connections;

  @Option(
      names = "--receive-maximum",
      defaultValue = "20000",
      description = "per ingest connection")
  public int receiveMaximum;

  @Option(
      names = "--formats",
      split = ",",
      defaultValue = "binary",
      description = "writer COPY formats, each run in turn (binary,text compares them)")
  public List<CopyFormat> formats;

  @Option(names = "--jfr", description = "a directory for a JFR recording of each ingest run")
  public Path jfr;

  private final Results results = new Results();

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("caregrid-bench");
    try (TestMosquitto broker = TestMosquitto.start(dir)) {
      List<String> ids = BenchDatabase.deviceIds(devices);
      passthrough(broker, ids);
      try (BenchDatabase database = BenchDatabase.create(server.adminUrl)) {
        HikariDataSource db = database.dataSource();
        database.describe(results);
        database.enrol(devices);
        rawCopy(db);
        platforms(db, database.url(), broker, ids, dir);
      }
    }
    System.out.println(results.toJson());
    return 0;
  }

  private void passthrough(TestMosquitto broker, List<String> ids) throws Exception {
    try (Subscriber sub = new Subscriber(broker.url());
        DeviceLoad pub = new DeviceLoad(broker.url(), publishers, ids)) {
      long before = sub.received();
      long t0 = System.nanoTime();
      pub.run(0, passthroughSeconds);
      double perSecond = (sub.received() - before) / ((System.nanoTime() - t0) / 1e9);
      results.put("broker_passthrough_msgs_per_s", round(perSecond));
      say("broker QoS 1 passthrough to one plain subscriber: %.0f msg/s", perSecond);
    }
  }

  private void rawCopy(HikariDataSource db) throws Exception {
    double text = RawCopy.rowsPerSecond(db, devices, 5000, copySeconds, false);
    double binary = RawCopy.rowsPerSecond(db, devices, 5000, copySeconds, true);
    results.put("raw_copy_text_rows_per_s", round(text));
    results.put("raw_copy_binary_rows_per_s", round(binary));
    say("raw COPY into reading: text %.0f rows/s, binary %.0f rows/s", text, binary);
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE reading");
    }
  }

  /** Each format in turn against the same broker and database, from an empty table each time. */
  private void platforms(
      HikariDataSource db, String dbUrl, TestMosquitto broker, List<String> ids, Path dir)
      throws Exception {
    Map<CopyFormat, Integer> runs = new EnumMap<>(CopyFormat.class);
    for (CopyFormat format : formats) {
      int run = runs.merge(format, 1, Integer::sum);
      String name = format.name().toLowerCase(Locale.ROOT) + (run > 1 ? "_" + run : "");
      truncate(db);
      Map<String, Object> phase = new LinkedHashMap<>();
      results.put(name, phase);
      say("writer format %s", name);
      platform(db, dbUrl, broker, ids, dir, format, name, phase);
    }
  }

  private void platform(
      HikariDataSource db,
      String dbUrl,
      TestMosquitto broker,
      List<String> ids,
      Path dir,
      CopyFormat format,
      String name,
      Map<String, Object> out)
      throws Exception {
    int port = FreePorts.tcp();
    Map<String, String> env =
        new HashMap<>(IngestProcess.env(dbUrl, broker.url(), connections, receiveMaximum));
    env.put("CAREGRID_INGEST_WRITER_FORMAT", format.name().toLowerCase(Locale.ROOT));
    List<String> jvmArgs = new ArrayList<>();
    if (jfr != null) {
      jvmArgs.add(JfrRecording.option(jfr, "ingest-" + name + ".jfr"));
    }
    try (IngestProcess ingest =
            IngestProcess.start(
                server.jar.toAbsolutePath(),
                dir.resolve("ingest-" + name + ".log"),
                server.heap,
                jvmArgs,
                env,
                port);
        DeviceLoad pub = new DeviceLoad(broker.url(), publishers, ids)) {
      say("warming up for 15 s at %.0f msg/s", rate);
      pub.run(rate, 15);
      HeapSampler heapSampler = new HeapSampler(ingest);
      double written0 = ingest.metric("caregrid_ingest_readings_written_total", "");
      double cpu0 = ingest.cpuSeconds();
      double busy0 = ProcStat.machineBusySeconds();
      long t0 = System.nanoTime();
      say("sustained: %d s at %.0f msg/s (%.0f readings/s)", seconds, rate, rate * 4);
      long sent = pub.run(rate, seconds);
      double elapsed = (System.nanoTime() - t0) / 1e9;
      double written = ingest.metric("caregrid_ingest_readings_written_total", "") - written0;
      out.put("offered_readings_per_s", round(sent * 4 / elapsed));
      out.put("committed_readings_per_s", round(written / elapsed));
      out.put(
          "publish_to_commit_p50_ms",
          round(
              1000
                  * ingest.metric(
                      "caregrid_ingest_publish_to_commit_seconds", "quantile=\"0.5\"")));
      out.put(
          "publish_to_commit_p99_ms",
          round(
              1000
                  * ingest.metric(
                      "caregrid_ingest_publish_to_commit_seconds", "quantile=\"0.99\"")));
      out.put("ingest_cpu_cores", round((ingest.cpuSeconds() - cpu0) / elapsed));
      out.put("machine_cpu_cores", round((ProcStat.machineBusySeconds() - busy0) / elapsed));
      out.put("ingest_heap_max_mib", round(heapSampler.stop() / 1048576.0));
      awaitStored(db, pub, "sustained", out);
      say(
          "%s: committed %s readings/s; publish-to-commit p50 %s ms, p99 %s ms",
          name,
          out.get("committed_readings_per_s"),
          out.get("publish_to_commit_p50_ms"),
          out.get("publish_to_commit_p99_ms"));
      if (overloadSeconds > 0) {
        say("overload: %d s at %.0f msg/s, then drain", overloadSeconds, rate * 2);
        long drainStart = System.nanoTime();
        pub.run(rate * 2, overloadSeconds);
        awaitStored(db, pub, "overload", out);
        out.put(
            "overload_drained_after_s",
            round((System.nanoTime() - drainStart) / 1e9 - overloadSeconds));
      }
    }
  }

  private static void truncate(HikariDataSource db) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE reading, reading_1m, reading_1h, rollup_dirty");
    }
  }

  /** Zero loss: every message the broker acknowledged is in the table, once. */
  private static void awaitStored(
      HikariDataSource db, DeviceLoad pub, String phase, Map<String, Object> out) {
    long expected = 4 * pub.acked();
    AtomicLong stored = new AtomicLong();
    await(phase + " backlog drained")
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              stored.set(Sql.count(db, "SELECT count(*) FROM reading"));
              return stored.get() >= expected;
            });
    out.put(phase + "_readings_sent", expected);
    out.put(phase + "_readings_stored", stored.get());
    out.put(phase + "_publish_failures", pub.failed());
    say("%s: %d readings acknowledged by the broker, %d stored", phase, expected, stored.get());
  }
}

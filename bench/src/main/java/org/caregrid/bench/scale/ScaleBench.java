package org.caregrid.bench.scale;

import static org.awaitility.Awaitility.await;
import static org.caregrid.bench.rig.Results.round;
import static org.caregrid.bench.rig.Results.say;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.caregrid.bench.dashboard.ApiSession;
import org.caregrid.bench.dashboard.BenchStaff;
import org.caregrid.bench.dashboard.CareHistory;
import org.caregrid.bench.district.BedTelemetry;
import org.caregrid.bench.district.BenchDistrict;
import org.caregrid.bench.district.DeviceLoad;
import org.caregrid.bench.rig.BenchDatabase;
import org.caregrid.bench.rig.IngestProcess;
import org.caregrid.bench.rig.JfrRecording;
import org.caregrid.bench.rig.PlatformOptions;
import org.caregrid.bench.rig.ProcStat;
import org.caregrid.bench.rig.Results;
import org.caregrid.testing.FreePorts;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestMosquitto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A whole district on one node: {@code --devices} enrolled devices (half care beds, half SOS
 * pendants, one of each per resident, with the care operations of a district that has run its visit
 * programme for weeks), every one reporting at its real interval for {@code --minutes}. It measures
 * what grows with the fleet rather than with the message rate: the device registry's load and the
 * heap it leaves, the rules' time-based pass (the device-offline sweep), {@code device_status}
 * writes (a reconnect of every device, then each report's "last seen"), and the fleet and report
 * API's response times at that size.
 */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    description = "District scale on one node: a fleet's devices at their real intervals.")
public final class ScaleBench implements Callable<Integer> {
  @Mixin PlatformOptions server;

  @Option(
      names = "--devices",
      defaultValue = "100000",
      description = "enrolled devices: a care bed and an SOS pendant per resident")
  public int devices;

  @Option(names = "--minutes", defaultValue = "30", description = "the measured run")
  public double minutes;

  @Option(
      names = "--bed-interval",
      defaultValue = "30",
      description =
          "seconds between a care bed's reports: 6 x 5 s, the bed product default of"
              + " research/domain.md §2.3")
  public int bedIntervalS;

  @Option(
      names = "--check-in-interval",
      defaultValue = "86400",
      description =
          "seconds between a pendant's check-ins: daily, the base stations' periodic auto check-in"
              + " of §1.5 (pendants are supervised over 26 h)")
  public int checkInS;

  @Option(names = "--publishers", defaultValue = "4", description = "load connections")
  public int publishers;

  @Option(names = "--care-days", defaultValue = "28", description = "visit history behind plans")
  public int careDays;

  @Option(
      names = "--api-pause-ms",
      defaultValue = "1000",
      description = "between rounds of the fleet and report requests")
  public long apiPauseMs;

  @Option(names = "--jfr", description = "a directory for a JFR recording of the platform")
  public Path jfr;

  @Option(names = "--env", split = ",", description = "more settings for the platform, KEY=VALUE")
  public Map<String, String> extraEnv = new HashMap<>();

  private final Results results = new Results();

  /** What the last run measured. */
  public Results results() {
    return results;
  }

  @Override
  public Integer call() throws Exception {
    if (devices < 2 || devices % 2 != 0) {
      throw new IllegalArgumentException(
          "--devices must be even and at least 2: one bed and one" + " pendant per resident");
    }
    int residents = devices / 2;
    Path dir = Files.createTempDirectory("caregrid-bench");
    boolean ok;
    try (TestMosquitto broker = TestMosquitto.start(dir);
        BenchDatabase database = BenchDatabase.create(server.adminUrl)) {
      DataSource db = database.dataSource();
      BenchDistrict district = enrol(db, residents);
      database.describe(results);
      try (IngestProcess platform = startPlatform(database, broker, dir)) {
        say("platform ready; logs in %s", dir);
        registry(platform);
        ok = reconnect(platform, db, broker, district);
        ok &= run(platform, db, broker, district);
        results.put(
            "registry_reload_under_load_s",
            round3(platform.metric("caregrid_ingest_registry_load_seconds", "")));
      }
    }
    results.put("ok", ok);
    System.out.println(results.toJson());
    return ok ? 0 : 1;
  }

  private BenchDistrict enrol(DataSource db, int residents) throws SQLException {
    long t = System.nanoTime();
    BenchDistrict district = BenchDistrict.enrol(db, residents, bedIntervalS);
    BenchStaff.enrol(db);
    CareHistory.Written care = CareHistory.write(db, Instant.now(), careDays);
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute("ANALYZE");
    }
    say(
        "enrolled %d residents, %d devices, %d visit plans in %.0f s",
        residents, devices, care.plans(), (System.nanoTime() - t) / 1e9);
    results.put("devices", devices);
    results.put("residents", residents);
    results.put("visit_plans", care.plans());
    results.put("lives_alone", Sql.count(db, "SELECT count(*) FROM resident WHERE lives_alone"));
    return district;
  }

  private IngestProcess startPlatform(BenchDatabase database, TestMosquitto broker, Path dir)
      throws IOException {
    Map<String, String> env =
        new HashMap<>(IngestProcess.env(database.url(), broker.url(), 2, 20000));
    // the beds start reporting after the reconnect is timed: a restart's grace covers that wait,
    // as it covers a real restart, so no bed is taken for offline before its first report
    env.put("CAREGRID_ALERTING_RULES_DEVICE_OFFLINE_START_GRACE", "15m");
    env.putAll(extraEnv);
    List<String> jvmArgs = new ArrayList<>();
    if (jfr != null) {
      jvmArgs.add(JfrRecording.option(jfr, "scale.jfr"));
    }
    return IngestProcess.start(
        server.jar.toAbsolutePath(),
        dir.resolve("platform.log"),
        server.heap,
        jvmArgs,
        env,
        FreePorts.tcp(),
        "ingest,alerting,dashboard");
  }

  /** The registry's load at start, and the heap left live once everything is loaded. */
  private void registry(IngestProcess platform) throws Exception {
    results.put("registry_devices", (long) platform.metric("caregrid_ingest_registry_devices", ""));
    results.put(
        "registry_load_s", round3(platform.metric("caregrid_ingest_registry_load_seconds", "")));
    Process gc =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(platform.pid()),
                "GC.run")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    gc.waitFor();
    double heap = platform.metric("jvm_memory_used_bytes", "area=\"heap\"");
    results.put("heap_after_load_mib", round(heap / (1 << 20)));
    say(
        "registry: %s devices loaded in %s s; heap after a full GC %s MiB",
        results.get("registry_devices"),
        results.get("registry_load_s"),
        results.get("heap_after_load_mib"));
  }

  /**
   * Every device says {@code online} at once, as after a broker restart: one {@code device_status}
   * write each, timed until the last is in the table.
   */
  private boolean reconnect(
      IngestProcess platform, DataSource db, TestMosquitto broker, BenchDistrict district)
      throws Exception {
    List<String> all = new ArrayList<>(district.beds());
    all.addAll(district.pendants());
    TableChurn before = TableChurn.read(db, "device_status");
    double cpu0 = platform.cpuSeconds();
    long t = System.nanoTime();
    try (DeviceLoad online =
        new DeviceLoad(broker.url(), publishers, all, DeviceLoad.Message.ONLINE)) {
      online.sendEach();
    }
    String counted = "SELECT count(*) FROM device_status WHERE online";
    try {
      await("every device online")
          .atMost(Duration.ofMinutes(15))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> Sql.count(db, counted) >= all.size());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      say("only %d of %d devices online after 15 min", Sql.count(db, counted), all.size());
      return false;
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    TableChurn after = TableChurn.read(db, "device_status");
    results.put("reconnect_s", round(seconds));
    results.put("reconnect_status_writes_per_s", round(all.size() / seconds));
    results.put(
        "reconnect_platform_cpu_ms_per_status",
        round3((platform.cpuSeconds() - cpu0) * 1000 / all.size()));
    results.put("reconnect_rows_written", after.writes() - before.writes());
    say(
        "reconnect: %d devices online in %.1f s (%.0f status writes/s)",
        all.size(), seconds, all.size() / seconds);
    return true;
  }

  /** Every device at its interval, and the fleet views asked meanwhile. */
  private boolean run(
      IngestProcess platform, DataSource db, TestMosquitto broker, BenchDistrict district)
      throws Exception {
    int seconds = (int) Math.round(minutes * 60);
    List<String> beds = district.beds();
    List<String> pendants = district.pendants();
    double bedRate = beds.size() / (double) bedIntervalS;
    double checkInRate = pendants.size() / (double) checkInS;
    say(
        "run: %d beds every %d s and %d pendants' daily check-ins: %.1f messages/s (%.0f readings/s)"
            + " for %d s",
        beds.size(),
        bedIntervalS,
        pendants.size(),
        bedRate + checkInRate,
        bedRate * BedTelemetry.READINGS,
        seconds);
    ApiSession admin =
        ApiSession.signIn(platform.httpPort(), BenchStaff.ADMIN, BenchStaff.PASSWORD);
    FleetRequests fleet = new FleetRequests(admin, devices);
    try (DeviceLoad bedLoad = new DeviceLoad(broker.url(), publishers, beds);
        DeviceLoad checkIns =
            new DeviceLoad(broker.url(), 1, pendants, DeviceLoad.Message.ONLINE)) {
      TableChurn churn0 = TableChurn.read(db, "device_status");
      SweepTimes sweep0 = SweepTimes.parse(platform.scrape());
      double written0 = platform.metric("caregrid_ingest_readings_written_total", "");
      double cpu0 = platform.cpuSeconds();
      double busy0 = ProcStat.machineBusySeconds();
      long t0 = System.nanoTime();
      CompletableFuture<Long> bedsDone = async(() -> bedLoad.run(bedRate, seconds));
      CompletableFuture<Long> checkInsDone = async(() -> checkIns.run(checkInRate, seconds));
      double sweepMax = 0;
      long heapMax = 0;
      long end = t0 + Duration.ofSeconds(seconds).toNanos();
      long nextReport = t0;
      while (System.nanoTime() < end) {
        fleet.round();
        String scrape = platform.scrape();
        sweepMax = Math.max(sweepMax, SweepTimes.recentMax(scrape));
        heapMax =
            Math.max(heapMax, (long) platform.metric("jvm_memory_used_bytes", "area=\"heap\""));
        if (System.nanoTime() >= nextReport) {
          say(
              "%3.0f s: %.0f readings written, backlog %.0f",
              (System.nanoTime() - t0) / 1e9,
              platform.metric("caregrid_ingest_readings_written_total", "") - written0,
              platform.metric("caregrid_ingest_backlog_readings", ""));
          nextReport += Duration.ofSeconds(60).toNanos();
        }
        Thread.sleep(apiPauseMs);
      }
      long bedMessages = bedsDone.join();
      long checkInMessages = checkInsDone.join();
      double elapsed = (System.nanoTime() - t0) / 1e9;
      double cpu = platform.cpuSeconds() - cpu0;
      double busy = ProcStat.machineBusySeconds() - busy0;
      SweepTimes sweep = SweepTimes.parse(platform.scrape()).since(sweep0);
      sweepMax = Math.max(sweepMax, SweepTimes.recentMax(platform.scrape()));
      TableChurn churn1 = TableChurn.read(db, "device_status");
      double written = platform.metric("caregrid_ingest_readings_written_total", "") - written0;

      results.put("run_s", round(elapsed));
      results.put("messages_per_s", round((bedMessages + checkInMessages) / elapsed));
      results.put("readings_per_s", round(written / elapsed));
      results.put("load_failed", bedLoad.failed() + checkIns.failed());
      results.put("platform_cpu_pct", round(cpu / elapsed * 100));
      results.put(
          "machine_busy_pct",
          round(busy / elapsed / Runtime.getRuntime().availableProcessors() * 100));
      results.put("heap_max_mib", round(heapMax / (double) (1 << 20)));
      results.put("sweep_passes", (long) sweep.passes());
      results.put("sweep_p50_ms", round3(sweep.quantile(0.5) * 1000));
      results.put("sweep_max_ms", round3(sweepMax * 1000));
      results.put("sweep_residents_per_pass", Math.round(sweep.residents() / sweep.passes()));
      results.put("sweep_devices_per_pass", Math.round(sweep.devices() / sweep.passes()));
      long statusWrites = churn1.writes() - churn0.writes();
      results.put("device_status_writes_per_s", round(statusWrites / elapsed));
      results.put(
          "device_status_hot_pct",
          round(
              100.0
                  * (churn1.hotUpdated() - churn0.hotUpdated())
                  / Math.max(1, churn1.updated() - churn0.updated())));
      results.put("device_status_dead_rows_end", churn1.dead());
      results.put("device_status_autovacuums", churn1.autovacuums() - churn0.autovacuums());
      results.put("device_status_mib_start", round(churn0.bytes() / (double) (1 << 20)));
      results.put("device_status_mib_end", round(churn1.bytes() / (double) (1 << 20)));
      fleet.times().putInto(results);
      say(
          "sweep: %d passes, p50 %s ms, max %s ms, %s residents and %s devices a pass",
          (long) sweep.passes(),
          results.get("sweep_p50_ms"),
          results.get("sweep_max_ms"),
          results.get("sweep_residents_per_pass"),
          results.get("sweep_devices_per_pass"));
      System.out.print(fleet.times().markdown());
      boolean delivered = bedLoad.failed() + checkIns.failed() == 0;
      return delivered && fleet.times().failures() == 0;
    }
  }

  private interface Load {
    long run() throws Exception;
  }

  private static CompletableFuture<Long> async(Load load) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return load.run();
          } catch (Exception e) {
            throw new IllegalStateException("load failed", e);
          }
        });
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}

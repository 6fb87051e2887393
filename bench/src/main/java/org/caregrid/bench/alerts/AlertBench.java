package org.caregrid.bench.alerts;

import static org.awaitility.Awaitility.await;
import static org.caregrid.bench.rig.Results.round;
import static org.caregrid.bench.rig.Results.say;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.awaitility.core.ConditionTimeoutException;
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
 * From an SOS press to the station's help request, under background telemetry: the platform
 * (ingest, alerting, dashboard in one JVM) takes normal vitals from every resident's care bed at a
 * steady rate, which must raise nothing, while residents press their pendants at a steady pace,
 * each once. Each press must bring exactly one step-0 help request on {@code
 * care/stations/+/alerts} and leave exactly one {@code sos} alert in the database; the alert is
 * stored and routed in one transaction before the help request is sent.
 */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = "Alerting latency: SOS press to help request, under background telemetry.")
public final class AlertBench implements Callable<Integer> {
  @Mixin PlatformOptions server;

  @Option(
      names = "--residents",
      defaultValue = "1500",
      description = "each with a care bed (background load) and an SOS pendant")
  public int residents;

  @Option(
      names = "--rate",
      defaultValue = "15000",
      description = "background readings/s (messages of 4 readings)")
  public double rate;

  @Option(names = "--sos-rate", defaultValue = "20", description = "SOS presses/s")
  public double sosRate;

  @Option(names = "--seconds", defaultValue = "60", description = "measured window")
  public int seconds;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "15",
      description = "background and SOS presses not counted for latency (still checked for loss)")
  public int warmupSeconds;

  @Option(names = "--publishers", defaultValue = "2", description = "background load connections")
  public int publishers;

  @Option(
      names = "--accept-within",
      defaultValue = "1h",
      description =
          "alerting.routing.critical for the run: escalations would add step-1 requests (counted"
              + " apart)")
  public String acceptWithin;

  @Option(names = "--jfr", description = "a directory for a JFR recording of the platform")
  public Path jfr;

  @Option(
      names = "--env",
      split = ",",
      description =
          "more settings for the platform, KEY=VALUE (e.g. CAREGRID_DATABASE_POOL_SIZE=8)")
  public Map<String, String> extraEnv = new HashMap<>();

  private final Results results = new Results();

  /** What the last run measured. */
  public Results results() {
    return results;
  }

  @Override
  public Integer call() throws Exception {
    int warmupPresses = (int) Math.round(warmupSeconds * sosRate);
    int presses = (int) Math.round(seconds * sosRate);
    if (residents < warmupPresses + presses) {
      throw new IllegalArgumentException(
          "--residents must be at least " + (warmupPresses + presses) + ": one press each");
    }
    Path dir = Files.createTempDirectory("caregrid-bench");
    SosLedger ledger = new SosLedger();
    boolean ok;
    try (TestMosquitto broker = TestMosquitto.start(dir);
        BenchDatabase database = BenchDatabase.create(server.adminUrl)) {
      BenchDistrict district = BenchDistrict.enrol(database.dataSource(), residents);
      database.describe(results);
      results.put("residents", residents);
      results.put("stations", 1 + BenchDistrict.STREET_CENTRES + BenchDistrict.COMMUNITY_STATIONS);
      List<Integer> keys = district.residents();
      try (IngestProcess platform = startPlatform(database, broker, dir);
          StationPanel panel = new StationPanel(broker.url(), ledger);
          SosPendants pendants = new SosPendants(broker.url(), ledger);
          DeviceLoad background = new DeviceLoad(broker.url(), publishers, district.beds())) {
        say("platform and clients ready; logs in %s", dir);
        run(
            platform,
            background,
            pendants,
            keys.subList(0, warmupPresses),
            keys.subList(warmupPresses, warmupPresses + presses));
        awaitHelpRequests(ledger);
        results.put("help_requests_received", panel.received());
        results.put("help_requests_unreadable", panel.unreadable());
        boolean stored = checkDatabase(database.dataSource(), ledger);
        boolean delivered = checkLedger(ledger, pendants);
        ok = delivered && stored && panel.unreadable() == 0;
      }
    }
    results.put("ok", ok);
    System.out.println(results.toJson());
    return ok ? 0 : 1;
  }

  private IngestProcess startPlatform(BenchDatabase database, TestMosquitto broker, Path dir)
      throws IOException {
    Map<String, String> env =
        new HashMap<>(IngestProcess.env(database.url(), broker.url(), 2, 20000));
    env.put("CAREGRID_ALERTING_ROUTING_CRITICAL", acceptWithin);
    env.putAll(extraEnv);
    List<String> jvmArgs = new ArrayList<>();
    if (jfr != null) {
      jvmArgs.add(JfrRecording.option(jfr, "alerts.jfr"));
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

  /** Background for the whole run; presses during warm-up, then during the measured window. */
  private void run(
      IngestProcess platform,
      DeviceLoad background,
      SosPendants pendants,
      List<Integer> warmup,
      List<Integer> measured)
      throws Exception {
    double messagesPerSecond = rate / BedTelemetry.READINGS;
    say(
        "background: %.0f readings/s from %d care beds for %d s; SOS at %.0f/s",
        rate, residents, warmupSeconds + seconds, sosRate);
    CompletableFuture<Long> load =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return background.run(messagesPerSecond, warmupSeconds + seconds + 1);
              } catch (Exception e) {
                throw new IllegalStateException("background load failed", e);
              }
            });
    say("warming up: %d presses in %d s", warmup.size(), warmupSeconds);
    pendants.press(warmup, sosRate, false);

    DbPoolTimes shared0 = DbPoolTimes.read(platform, DbPoolTimes.SHARED);
    DbPoolTimes alerting0 = DbPoolTimes.read(platform, DbPoolTimes.ALERTING);
    long acked0 = background.acked();
    double written0 = platform.metric("caregrid_ingest_readings_written_total", "");
    double cpu0 = platform.cpuSeconds();
    double busy0 = ProcStat.machineBusySeconds();
    String load0 = ProcStat.loadAverage();
    long t0 = System.nanoTime();
    say("measuring: %d presses in %d s", measured.size(), seconds);
    pendants.press(measured, sosRate, true);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long acked = background.acked() - acked0;
    double written = platform.metric("caregrid_ingest_readings_written_total", "") - written0;
    DbPoolTimes shared = DbPoolTimes.read(platform, DbPoolTimes.SHARED).since(shared0);
    DbPoolTimes alerting = DbPoolTimes.read(platform, DbPoolTimes.ALERTING).since(alerting0);
    results.put("db_pool_tasks", round(shared.tasks()));
    results.put("db_pool_queue_wait_mean_ms", round(shared.queueWaitMeanMs()));
    results.put("db_pool_run_mean_ms", round(shared.runMeanMs()));
    results.put("alerting_pool_tasks", round(alerting.tasks()));
    results.put("alerting_pool_queue_wait_mean_ms", round(alerting.queueWaitMeanMs()));
    results.put("alerting_pool_run_mean_ms", round(alerting.runMeanMs()));
    results.put("seconds", round(elapsed));
    results.put("background_offered_readings_per_s", rate);
    results.put("background_acked_readings_per_s", round(acked * BedTelemetry.READINGS / elapsed));
    results.put("background_committed_readings_per_s", round(written / elapsed));
    results.put("platform_cpu_cores", round((platform.cpuSeconds() - cpu0) / elapsed));
    results.put("machine_cpu_cores", round((ProcStat.machineBusySeconds() - busy0) / elapsed));
    results.put("load_average_before", load0);
    results.put("load_average_after", ProcStat.loadAverage());
    results.put("background_publish_failures", background.failed());
    results.put("background_readings_acked", load.join() * BedTelemetry.READINGS);
  }

  /** Waits for the help request of every press, up to 30 s after the last one. */
  private static void awaitHelpRequests(SosLedger ledger) {
    try {
      await("a help request for every press")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> ledger.missing() == 0);
    } catch (ConditionTimeoutException e) {
      say("%d presses still without a help request after 30 s", ledger.missing());
    }
  }

  private boolean checkLedger(SosLedger ledger, SosPendants pendants) {
    results.put("sos_pressed", ledger.pressedCount());
    results.put("sos_measured", ledger.measuredCount());
    results.put("sos_acked_by_broker", pendants.acked());
    results.put("sos_publish_failures", ledger.publishFailures());
    results.put("lost", ledger.missing());
    results.put("duplicated", ledger.duplicates());
    results.put("help_requests_for_no_press", ledger.unexpected());
    results.put("escalation_requests", ledger.escalations());
    results.put("latency_count", ledger.latencyCount());
    results.put("latency_p50_ms", round(ledger.percentileMs(50)));
    results.put("latency_p99_ms", round(ledger.percentileMs(99)));
    results.put("latency_p999_ms", round(ledger.percentileMs(99.9)));
    results.put("latency_max_ms", round(ledger.maxMs()));
    List<Double> slowest =
        ledger.slowestMsByWindow(Duration.ofSeconds(10)).stream().map(Results::round).toList();
    results.put("latency_max_by_10s_ms", slowest);
    results.put("latency_by_ts_p50_ms", ledger.wallPercentileMs(50));
    results.put("latency_by_ts_p99_ms", ledger.wallPercentileMs(99));
    results.put("broker_passthrough_p50_ms", round(ledger.passthroughMs(50)));
    results.put("broker_passthrough_p99_ms", round(ledger.passthroughMs(99)));
    results.put("broker_passthrough_p999_ms", round(ledger.passthroughMs(99.9)));
    results.put("press_to_transaction_p50_ms", round(ledger.toTransactionMs(50)));
    results.put("press_to_transaction_p99_ms", round(ledger.toTransactionMs(99)));
    results.put("transaction_to_station_p50_ms", round(ledger.fromTransactionMs(50)));
    results.put("transaction_to_station_p99_ms", round(ledger.fromTransactionMs(99)));
    say(
        "SOS to help request (%d presses): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms",
        ledger.latencyCount(),
        ledger.percentileMs(50),
        ledger.percentileMs(99),
        ledger.percentileMs(99.9),
        ledger.maxMs());
    say("the slowest press of each 10 s measured, in order: %s ms", slowest);
    say(
        "the same presses straight through the broker to a plain subscriber: p50 %.1f ms, p99"
            + " %.1f ms, p99.9 %.1f ms",
        ledger.passthroughMs(50), ledger.passthroughMs(99), ledger.passthroughMs(99.9));
    say(
        "split at the alert's transaction: press to transaction p50 %.1f / p99 %.1f ms,"
            + " transaction to station p50 %.1f / p99 %.1f ms",
        ledger.toTransactionMs(50),
        ledger.toTransactionMs(99),
        ledger.fromTransactionMs(50),
        ledger.fromTransactionMs(99));
    say(
        "%d pressed, %d acknowledged by the broker; lost %d, duplicated %d, for no press %d",
        ledger.pressedCount(),
        pendants.acked(),
        ledger.missing(),
        ledger.duplicates(),
        ledger.unexpected());
    return ledger.missing() == 0
        && ledger.duplicates() == 0
        && ledger.unexpected() == 0
        && ledger.publishFailures() == 0
        && pendants.acked() == ledger.pressedCount();
  }

  /**
   * Exactly one {@code sos} alert per press, the one its help request named, none for anyone else,
   * and no alert of any other kind: the background must raise nothing.
   */
  private boolean checkDatabase(HikariDataSource db, SosLedger ledger) throws SQLException {
    Map<Integer, Long> sent = ledger.alertIds();
    Set<Integer> pressed = ledger.residentsPressed();
    long rows = 0;
    long wrong = 0;
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT resident_id, count(*), min(id) FROM alert WHERE kind = 'sos'"
                    + " GROUP BY resident_id")) {
      while (rs.next()) {
        int resident = rs.getInt(1);
        long count = rs.getLong(2);
        rows += count;
        boolean right =
            pressed.contains(resident)
                && count == 1
                && Long.valueOf(rs.getLong(3)).equals(sent.get(resident));
        if (!right) {
          wrong++;
        }
      }
    }
    ledger.splitAt(transactionStarts(db));
    long other = Sql.count(db, "SELECT count(*) FROM alert WHERE kind <> 'sos'");
    long residentsWithAlert = Sql.count(db, "SELECT count(DISTINCT resident_id) FROM alert");
    results.put("sos_alert_rows", rows);
    results.put("sos_alert_rows_wrong", wrong);
    results.put("other_alerts", other);
    say(
        "database: %d sos alerts for %d presses (%d not one-to-one), %d alerts of other kinds",
        rows, pressed.size(), wrong, other);
    return rows == pressed.size() && wrong == 0 && other == 0 && residentsWithAlert == rows;
  }

  /** When each sos alert's transaction began: its "raised" audit row, by resident. */
  private static Map<Integer, Long> transactionStarts(HikariDataSource db) throws SQLException {
    Map<Integer, Long> micros = new HashMap<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT a.resident_id, (extract(epoch FROM e.at) * 1000000)::bigint"
                    + " FROM alert a JOIN alert_event e ON e.alert_id = a.id"
                    + " WHERE a.kind = 'sos' AND e.action = 'raised'")) {
      while (rs.next()) {
        micros.put(rs.getInt(1), rs.getLong(2));
      }
    }
    return micros;
  }
}

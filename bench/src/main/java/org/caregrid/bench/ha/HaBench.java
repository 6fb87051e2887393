package org.caregrid.bench.ha;

import static org.awaitility.Awaitility.await;
import static org.caregrid.bench.rig.Results.round;
import static org.caregrid.bench.rig.Results.say;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.caregrid.bench.alerts.SosLedger;
import org.caregrid.bench.alerts.StationPanel;
import org.caregrid.bench.district.BedTelemetry;
import org.caregrid.bench.district.BenchDistrict;
import org.caregrid.bench.rig.ExitCleanup;
import org.caregrid.bench.rig.ProcStat;
import org.caregrid.bench.rig.Results;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.db.StoragePreference;
import org.caregrid.testing.NodeProcess;
import org.caregrid.testing.PatroniPair;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestMosquitto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 17's deployment under load and faults: a Patroni pair (scripts/patroni.sh), a Mosquitto of
 * its own with persistence and the shipped limits, and CareGrid nodes from the packaged jar, fed
 * care-bed telemetry and SOS presses through publishers that behave as the device contract asks.
 * First one node without clustering, then two clustered nodes, each for a steady stretch and a
 * stretch offered more than it can take (press p99 and ingest ceiling, side by side). Then, with
 * two nodes, {@code --kills} rounds of: a node killed, the database primary killed, the broker
 * restarted. At the end every acknowledged reading and every press is looked up in the database.
 */
@Command(
    name = "ha",
    mixinStandardHelpOptions = true,
    description =
        "High availability: node kills, primary kills and broker restarts under readings and SOS"
            + " presses; losses counted from the database.")
public final class HaBench implements Callable<Integer> {
  @Option(names = "--jar", defaultValue = "server/target/caregrid.jar")
  Path jar;

  @Option(names = "--heap", defaultValue = "512m", description = "of each node's JVM")
  String heap;

  @Option(names = "--patroni-script", defaultValue = "scripts/patroni.sh")
  Path patroniScript;

  @Option(names = "--rate", defaultValue = "15000", description = "readings/s offered")
  double rate;

  @Option(names = "--sos-rate", defaultValue = "20", description = "SOS presses/s")
  double sosRate;

  @Option(names = "--kills", defaultValue = "5", description = "faults of each kind")
  int kills;

  @Option(names = "--residents", defaultValue = "20000", description = "each presses at most once")
  int residents;

  @Option(names = "--publishers", defaultValue = "4", description = "telemetry connections")
  int publishers;

  @Option(names = "--steady-seconds", defaultValue = "30")
  int steadySeconds;

  @Option(names = "--ceiling-seconds", defaultValue = "20")
  int ceilingSeconds;

  @Option(
      names = "--ceiling-rate",
      defaultValue = "40000",
      description = "readings/s offered to find the ingest ceiling")
  double ceilingRate;

  @Option(
      names = "--down-seconds",
      defaultValue = "5",
      description = "a killed node is started again after this")
  int downSeconds;

  @Option(names = "--settle-seconds", defaultValue = "10", description = "between two faults")
  int settleSeconds;

  @Option(
      names = "--quick",
      description =
          "a smoke run: 400 readings/s, 4 presses/s, one fault of each kind, short stretches")
  boolean quick;

  private final Results results = new Results();

  public Results results() {
    return results;
  }

  @Override
  public Integer call() throws Exception {
    if (quick) {
      rate = 400;
      sosRate = 4;
      kills = 1;
      residents = 600;
      publishers = 2;
      steadySeconds = 4;
      ceilingSeconds = 3;
      ceilingRate = 2000;
      downSeconds = 1;
      settleSeconds = 3;
      heap = "256m";
    }
    if (!PatroniPair.installed()) {
      throw new IllegalStateException(
          "patroni and etcd are needed (apt-get install patroni etcd-server)");
    }
    Path dir = Files.createTempDirectory("caregrid-bench-ha");
    say("logs in %s", dir);
    SosLedger ledger = new SosLedger();
    try (ExitCleanup onExit = new ExitCleanup();
        PatroniPair pg = onExit.add(PatroniPair.start(patroniScript, dir.resolve("patroni.log")));
        TestMosquitto broker = TestMosquitto.startPersistent(dir);
        HikariDataSource db =
            DataSources.create(
                new DatabaseConfig(pg.url(), "postgres", "", 4, StoragePreference.AUTO, ""),
                "bench")) {
      Migrations.migrate(db, StoragePreference.AUTO);
      results.put("db_synchronous_commit", Sql.text(db, "SHOW synchronous_commit"));
      results.put("db_synchronous_standby_names", Sql.text(db, "SHOW synchronous_standby_names"));
      BenchDistrict district = BenchDistrict.enrol(db, residents);
      try (Nodes nodes = new Nodes(jar.toAbsolutePath(), dir, pg.url(), broker.url(), heap + "");
          StationPanel panel = new StationPanel(broker.url(), ledger);
          TelemetryLoad load = new TelemetryLoad(broker.url(), publishers, district.beds())) {
        NodeProcess single = nodes.startSingle();
        load.rate(rate);
        try (Presses presses = new Presses(broker.url(), ledger, district.residents(), sosRate)) {
          Stretch one = measure("1 node", db, load);
          single.stop();
          nodes.startPair();
          Stretch two = measure("2 nodes", db, load);
          Faults faults = new Faults(nodes, pg, broker, dir);
          long faultsStart = System.nanoTime();
          for (int k = 0; k < kills; k++) {
            settle();
            faults.killNode(downSeconds);
            settle();
            faults.killPrimary();
            settle();
            faults.restartBroker();
          }
          settle();
          long faultsEnd = System.nanoTime();
          presses.stop();
          load.stop();
          results.put("presses_ran_out", presses.exhausted());
          drain(ledger, load, db);
          report(ledger, presses, panel, load, db, one, two, faults.done(), faultsEnd);
          results.put("faults_seconds", round((faultsEnd - faultsStart) / 1e9));
        }
        nodes.stopAll();
      }
    }
    boolean ok = (boolean) results.get("ok");
    System.out.println(results.toJson());
    return ok ? 0 : 1;
  }

  /** A steady stretch at {@code --rate}, then one offered {@code --ceiling-rate}. */
  private Stretch measure(String name, HikariDataSource db, TelemetryLoad load) throws Exception {
    awaitStored(db, load, Duration.ofSeconds(60)); // what queued while the nodes started
    say("%s: steady at %.0f readings/s for %d s", name, rate, steadySeconds);
    long stored0 = storedReadings(db);
    long taken0 = load.taken();
    long t0 = System.nanoTime();
    double busy0 = ProcStat.machineBusySeconds();
    TimeUnit.SECONDS.sleep(steadySeconds); // the stretch measured, not a wait for a condition
    long t1 = System.nanoTime();
    double steadySeconds = (t1 - t0) / 1e9;
    double taken = (load.taken() - taken0) * BedTelemetry.READINGS / steadySeconds;
    double stored = (storedReadings(db) - stored0) / steadySeconds;
    double cores = (ProcStat.machineBusySeconds() - busy0) / steadySeconds;
    say(
        "%s: offered %.0f, taken by the broker %.0f, stored %.0f readings/s",
        name, rate, taken, stored);
    say("%s: ceiling: offering %.0f readings/s for %d s", name, ceilingRate, ceilingSeconds);
    load.rate(ceilingRate);
    long c0 = storedReadings(db);
    long ct0 = System.nanoTime();
    TimeUnit.SECONDS.sleep(ceilingSeconds); // as above
    double ceiling = (storedReadings(db) - c0) / ((System.nanoTime() - ct0) / 1e9);
    load.rate(rate);
    say("%s: ingest ceiling %.0f readings/s stored", name, ceiling);
    awaitStored(db, load, Duration.ofSeconds(60));
    return new Stretch(t0, t1, taken, stored, ceiling, cores);
  }

  /** What one steady stretch and its ceiling measured. */
  private record Stretch(
      long fromNanos, long toNanos, double taken, double stored, double ceiling, double cores) {}

  private void settle() throws InterruptedException {
    TimeUnit.SECONDS.sleep(settleSeconds); // time between faults, not a wait for a condition
  }

  /**
   * Waits until the backlog the broker holds is stored (as many readings as it had acknowledged
   * when the wait began) as long as the count keeps growing: a backlog larger than the machine
   * drains in {@code stall} is not a loss, a count that stops short of the target is.
   */
  private static void awaitStored(HikariDataSource db, TelemetryLoad load, Duration stall) {
    long target = load.taken() * BedTelemetry.READINGS;
    long[] last = {-1};
    long[] grew = {System.nanoTime()};
    await("the backlog stored")
        .atMost(Duration.ofMinutes(30))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () -> {
              long stored = storedReadings(db);
              if (stored > last[0]) {
                last[0] = stored;
                grew[0] = System.nanoTime();
              }
              return stored >= target || System.nanoTime() - grew[0] > stall.toNanos();
            });
    if (last[0] < target) {
      say("the backlog stopped short of the target (%d readings); going on", target - last[0]);
    }
  }

  private static long storedReadings(HikariDataSource db) {
    return Sql.count(db, "SELECT count(*) FROM reading");
  }

  /** After the last fault: every press answered, every message taken and stored, or a deadline. */
  private static void drain(SosLedger ledger, TelemetryLoad load, HikariDataSource db) {
    try {
      await("a help request for every press")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> ledger.missing() == 0);
    } catch (ConditionTimeoutException e) {
      say("%d presses without a help request 60 s after the last", ledger.missing());
    }
    try {
      await("every message taken by the broker")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> load.taken() == load.sent());
    } catch (ConditionTimeoutException e) {
      say("%d messages still not taken by the broker", load.sent() - load.taken());
    }
    awaitStored(db, load, Duration.ofSeconds(60));
  }

  private void report(
      SosLedger ledger,
      Presses presses,
      StationPanel panel,
      TelemetryLoad load,
      HikariDataSource db,
      Stretch one,
      Stretch two,
      List<Faults.Fault> faults,
      long end)
      throws Exception {
    ReadingAudit.Outcome readings = ReadingAudit.check(db, load);
    results.put("readings_acknowledged", readings.acknowledged() * BedTelemetry.READINGS);
    results.put("readings_lost", readings.lost() * BedTelemetry.READINGS);
    results.put("messages_partly_stored", readings.partial());
    results.put("readings_stored_twice", readings.doubled());
    results.put("messages_stored_not_acknowledged", readings.storedUnacked());
    results.put("telemetry_resent_after_puback_0x10", load.untaken());

    long pressed = ledger.pressedCount();
    long alertRows = Sql.count(db, "SELECT count(*) FROM alert WHERE kind = 'sos'");
    long residentsWithAlert =
        Sql.count(db, "SELECT count(DISTINCT resident_id) FROM alert WHERE kind = 'sos'");
    long alertsLost = pressed - residentsWithAlert;
    long alertsDoubled = alertRows - residentsWithAlert;
    results.put("presses", pressed);
    results.put("presses_taken_by_broker", presses.taken());
    results.put("sos_alerts", alertRows);
    results.put("alerts_lost", alertsLost);
    results.put("alerts_duplicated", alertsDoubled);
    results.put("help_requests_missing", ledger.missing());
    results.put("help_requests_duplicated", ledger.duplicates());
    results.put("help_requests_for_no_press", ledger.unexpected());
    results.put("help_requests_received", panel.received());

    List<String> table = new ArrayList<>();
    table.add("| measure | target | measured |");
    table.add("|---|---|---|");
    table.add(
        "| readings lost or stored twice | 0 | %d lost, %d twice, of %,d acknowledged |"
            .formatted(
                readings.lost() * BedTelemetry.READINGS,
                readings.doubled() * BedTelemetry.READINGS,
                readings.acknowledged() * BedTelemetry.READINGS));
    table.add(
        "| alerts lost or duplicated | 0 of at least 500 presses | %d lost, %d duplicated of %d"
                .formatted(alertsLost, alertsDoubled, pressed)
            + " presses; help requests %d missing, %d twice |"
                .formatted(ledger.missing(), ledger.duplicates()));
    for (Faults.Kind kind : Faults.Kind.values()) {
      List<Faults.Fault> ofKind = faults.stream().filter(f -> f.kind() == kind).toList();
      double worst = 0;
      long unanswered = 0;
      for (Faults.Fault f : ofKind) {
        long until = nextStart(faults, f, end);
        worst = Math.max(worst, ledger.percentileMsPressedBetween(f.startNanos(), until, 100));
        unanswered += ledger.missingPressedBetween(f.startNanos(), until);
      }
      String key = kind.name().toLowerCase(java.util.Locale.ROOT);
      results.put(key + "_faults", ofKind.size());
      results.put(key + "_worst_press_to_help_ms", round(worst));
      results.put(key + "_presses_unanswered", unanswered);
      double[] recovery = ofKind.stream().mapToDouble(Faults.Fault::recoveryMs).sorted().toArray();
      double p50 = recovery.length == 0 ? 0 : recovery[(recovery.length - 1) / 2];
      double max = recovery.length == 0 ? 0 : recovery[recovery.length - 1];
      results.put(key + "_recovery_p50_ms", round(p50));
      results.put(key + "_recovery_max_ms", round(max));
      String target =
          switch (kind) {
            case NODE -> "under 10 s";
            case PRIMARY -> "under 30 s";
            case BROKER -> "(none set)";
          };
      table.add(
          "| worst press-to-help-request during a %s (%d) | %s | %.1f s%s |"
              .formatted(
                  switch (kind) {
                    case NODE -> "node kill";
                    case PRIMARY -> "primary kill";
                    case BROKER -> "broker restart";
                  },
                  ofKind.size(),
                  target,
                  worst / 1000,
                  unanswered == 0 ? "" : ", %d presses unanswered".formatted(unanswered)));
      String what =
          switch (kind) {
            case NODE -> "takeover time (kill to survivor's shards rebuilt)";
            case PRIMARY -> "kill of the primary to the standby's promotion";
            case BROKER -> "broker restart to accepting again";
          };
      table.add(
          "| %s | p50 and max | p50 %.1f s, max %.1f s |".formatted(what, p50 / 1000, max / 1000));
    }
    double p99One = ledger.percentileMsPressedBetween(one.fromNanos(), one.toNanos(), 99);
    double p99Two = ledger.percentileMsPressedBetween(two.fromNanos(), two.toNanos(), 99);
    results.put("steady_1_node_press_p99_ms", round(p99One));
    results.put("steady_2_nodes_press_p99_ms", round(p99Two));
    results.put("steady_1_node_readings_taken_per_s", round(one.taken()));
    results.put("steady_2_nodes_readings_taken_per_s", round(two.taken()));
    results.put("steady_1_node_readings_stored_per_s", round(one.stored()));
    results.put("steady_2_nodes_readings_stored_per_s", round(two.stored()));
    results.put("ceiling_1_node_readings_per_s", round(one.ceiling()));
    results.put("ceiling_2_nodes_readings_per_s", round(two.ceiling()));
    results.put("steady_1_node_machine_cores", round(one.cores()));
    results.put("steady_2_nodes_machine_cores", round(two.cores()));
    table.add(
        "| steady-state cost of clustering: press p99 | 2 nodes against 1 | %.0f ms with 2, %.0f ms with 1 |"
            .formatted(p99Two, p99One));
    table.add(
        "| steady-state cost of clustering: ingest ceiling | 2 nodes against 1 | %,.0f readings/s with 2, %,.0f with 1 |"
            .formatted(two.ceiling(), one.ceiling()));
    table.add(
        "| readings/s offered, taken by the broker, stored (steady, 2 nodes) | 15,000 | %,.0f, %,.0f, %,.0f |"
            .formatted(rate, two.taken(), two.stored()));
    say("results:");
    table.forEach(System.out::println);
    results.put(
        "ok",
        readings.lost() == 0
            && readings.doubled() == 0
            && readings.partial() == 0
            && alertsLost == 0
            && alertsDoubled == 0
            && ledger.missing() == 0
            && ledger.duplicates() == 0
            && ledger.unexpected() == 0);
  }

  private static long nextStart(List<Faults.Fault> faults, Faults.Fault f, long end) {
    int i = faults.indexOf(f);
    return i + 1 < faults.size() ? faults.get(i + 1).startNanos() : end;
  }
}

package org.caregrid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.caregrid.core.config.ConfigTree;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.config.HttpConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.PskKeyFile;
import org.caregrid.sim.DistrictSimulation;
import org.caregrid.sim.clock.SimClock;
import org.caregrid.sim.district.DeviceKeys;
import org.caregrid.sim.district.District;
import org.caregrid.sim.district.DistrictEnrolment;
import org.caregrid.sim.district.DistrictGenerator;
import org.caregrid.testing.FreePorts;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alarm fatigue is a failure: a slice of the district lives through an ordinary simulated day (no
 * injected events, only the simulator's realistic noise, naps, night trips and outings) at 480
 * times real speed, over MQTT and CoAP/DTLS into the whole platform, and the platform raises no
 * clinical alert. Device timestamps come from the simulated clock; the platform's alerting clock
 * follows how far the devices have reported, and the devices wait when the platform falls more than
 * 10 simulated minutes behind, so a stall of this shared machine never looks like a silence of the
 * devices.
 *
 * <p>Asserted: zero alerts of every kind but {@code device_offline} and {@code battery_low}. Those
 * two are technical, and at 480 times speed a device's 3 missed intervals (30 s for a bed) pass in
 * about 60 ms of real time, less than the scheduling jitter of the machine running broker,
 * database, platform and simulator at once, and the devices may run up to LEAD ahead of what the
 * platform took in. They are tested in alerting's own ITs; here the offline threshold is set past
 * LEAD and what is raised is only reported.
 */
@Timeout(600)
class QuietDayIT {
  /** A slice of the district: the machine is shared, and the day is the point, not the load. */
  private static final int HOMES = 8;

  private static final long SEED = 2026;
  private static final double SPEED = 480;

  /** How far the devices may run ahead of what the platform has stored. */
  private static final Duration LEAD = Duration.ofMinutes(10);

  private static final Duration DAY = Duration.ofHours(24);

  @TempDir Path keyDir;
  private HikariDataSource db;
  private Launcher launcher;
  private DistrictSimulation sim;
  private District district;
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() throws Exception {
    poller.shutdownNow();
    if (sim != null) {
      sim.close();
      // the devices' retained statuses must not reach the next test through the shared broker
      RetainedStatuses.clear(TestServices.broker().url(), district);
    }
    if (launcher != null) {
      launcher.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void anOrdinaryDayRaisesNoClinicalAlert() throws Exception {
    // given: a slice of the district enrolled, and a day that ends a minute ago
    DatabaseConfig database = TestServices.freshDatabase();
    db = DataSources.create(database, "it-check");
    Migrations.migrate(db, database.storage());
    district = new DistrictGenerator(SEED).generate(HOMES);
    assertThat(DistrictEnrolment.enrolOnce(db, district)).isTrue();
    Path pskKeyFile = keyDir.resolve("psk.key");
    DeviceKeys keys = DeviceKeys.random(district);
    DistrictEnrolment.storeKeys(db, keys, PskKeyFile.loadOrCreate(pskKeyFile));
    Instant start = Instant.now().minus(DAY).minusSeconds(60);
    Instant end = start.plus(DAY);
    SimClock clock = SimClock.pausedAt(start, SPEED);
    sim = new DistrictSimulation(clock, end, SEED);

    int coapPort = FreePorts.udp();
    String unique = UUID.randomUUID().toString().substring(0, 8);
    Settings settings =
        Settings.bind(
                ConfigTree.ofEnv(
                    Map.of(
                        "CAREGRID_INGEST_MQTT_SHARE_GROUP",
                        "quiet" + unique,
                        "CAREGRID_INGEST_MQTT_CLIENT_ID_PREFIX",
                        "quiet-" + unique,
                        "CAREGRID_INGEST_COAP_HOST",
                        "127.0.0.1",
                        "CAREGRID_INGEST_COAP_SECURE_PORT",
                        String.valueOf(coapPort),
                        // 100 ms of real time is 48 s of the simulated day
                        "CAREGRID_ALERTING_ENGINE_TICK",
                        "100ms",
                        // a CoAP device has one request in flight, answered after the commit: at
                        // the default 50 ms batching a bed on CoAP keeps the day to about 140x
                        "CAREGRID_INGEST_WRITER_MAX_AGE",
                        "5ms",
                        // not judged here (see above); past LEAD, so no churn of raises
                        "CAREGRID_ALERTING_RULES_DEVICE_OFFLINE_MISSED_INTERVALS",
                        "100")))
            .withDatabase(database.withPskKeyFile(pskKeyFile.toString()))
            .withMqtt(TestServices.broker())
            .withHttp(new HttpConfig("127.0.0.1", 0, ""));
    launcher = Launcher.start(settings, EnumSet.allOf(Role.class), sim.progress());

    // when: the day runs, the devices never more than LEAD ahead of what every bed has stored
    AtomicReference<Instant> stored = new AtomicReference<>(start);
    ScheduledFuture<?> unused =
        poller.scheduleWithFixedDelay(
            () -> storedByEveryBed().ifPresent(stored::set), 0, 200, TimeUnit.MILLISECONDS);
    sim.pacedBy(stored::get, LEAD);
    long realStart = System.nanoTime();
    sim.start(
        district,
        new DistrictSimulation.Target(
            settings.mqtt().url(), Optional.of(URI.create("coaps://127.0.0.1:" + coapPort)), keys));
    clock.run();
    await()
        .atMost(Duration.ofMinutes(7))
        .pollInterval(Duration.ofSeconds(5))
        .conditionEvaluationListener(
            c ->
                System.out.printf(
                    "Quiet day: simulated %s, stored %s, %s%n",
                    sim.reached(), stored.get(), sim.traffic()))
        .until(sim::finished);
    long readings = sim.readingsSent();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> storedByEveryBed().orElse(start).isAfter(end.minusSeconds(30)));
    double realSeconds = (System.nanoTime() - realStart) / 1e9;

    // then: the day's readings arrived, from both transports, with the day's events; a message is
    // lost only when a device's connection to the broker drops (seen on a saturated machine)
    assertThat(sim.traffic().failed())
        .as("messages lost: %s", sim.traffic())
        .isLessThanOrEqualTo(sim.traffic().sent() / 100);
    assertThat(Sql.count(db, "SELECT count(*) FROM reading")).isLessThanOrEqualTo(readings);
    assertThat(Sql.count(db, "SELECT count(DISTINCT metric) FROM reading"))
        .isGreaterThanOrEqualTo(9);
    assertThat(
            Sql.count(
                db,
                "SELECT count(*) FROM reading r JOIN device d ON d.id = r.device_id"
                    + " WHERE d.psk_sealed IS NOT NULL"))
        .as("readings over CoAP/DTLS")
        .isPositive();
    assertThat(Sql.count(db, "SELECT count(*) FROM device_event WHERE type = 'bed_exit'"))
        .as("bed exits: naps, night trips, getting up")
        .isGreaterThan(HOMES);
    assertThat(
            Sql.count(
                db,
                "SELECT count(*) FROM reading WHERE time < '"
                    + start
                    + "' OR time > '"
                    + end
                    + "'"))
        .as("device times outside the simulated day")
        .isZero();

    // and no clinical alert, now or while the platform finishes what it received
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> clinicalAlerts().isEmpty());
    List<String> technical = alerts("kind IN ('device_offline', 'battery_low')");
    System.out.printf(
        "Quiet day: %d homes, %s, %d readings, 24 h in %.0f s; technical alerts (not asserted): %d %s%n",
        HOMES, sim.traffic(), readings, realSeconds, technical.size(), technical);
  }

  /** The time up to which every bed's readings are stored: where the platform has got to. */
  private Optional<Instant> storedByEveryBed() {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT min((SELECT max(time) FROM reading r WHERE r.device_id = d.id))"
                    + " FROM device d WHERE d.kind = 'care_bed'")) {
      rs.next();
      return Optional.ofNullable(rs.getTimestamp(1)).map(java.sql.Timestamp::toInstant);
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  private List<String> clinicalAlerts() throws SQLException {
    return alerts("kind NOT IN ('device_offline', 'battery_low')");
  }

  private List<String> alerts(String where) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT kind, severity, detail FROM alert WHERE " + where)) {
      while (rs.next()) {
        found.add(rs.getString(1) + "/" + rs.getString(2) + ": " + rs.getString(3));
      }
    }
    return found;
  }
}

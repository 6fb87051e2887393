package org.caregrid.server.demo;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.PskCipher;
import org.caregrid.core.device.PskKeyFile;
import org.caregrid.embedded.EmbeddedBroker;
import org.caregrid.embedded.EmbeddedDatabase;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.server.Launcher;
import org.caregrid.server.Role;
import org.caregrid.server.Settings;
import org.caregrid.server.logging.LogFile;
import org.caregrid.sim.DistrictSimulation;
import org.caregrid.sim.district.DeviceKeys;
import org.caregrid.sim.district.District;
import org.caregrid.sim.district.DistrictEnrolment;
import org.caregrid.sim.district.DistrictGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on one machine with nothing installed: embedded PostgreSQL and MQTT broker,
 * every role, and a simulated district publishing readings. Data persists in the data folder.
 *
 * <p>It may be told to stop at any moment, also while it is starting (Ctrl-C, a service manager's
 * SIGTERM): {@link #close} then waits for the step under way and stops everything started so far,
 * so no embedded server outlives the demo.
 */
public final class Demo implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

  /** Longer than any one start-up step takes (the platform's own steps give up after 60 s). */
  private static final long STEP_WAIT_MS = TimeUnit.SECONDS.toMillis(90);

  private final Deque<AutoCloseable> running = new ArrayDeque<>(); // guarded by this
  private boolean starting; // guarded by this
  private boolean stopping; // guarded by this
  private String signInHint = "";
  private Path logFile;

  /**
   * Starts everything; returns the console URL.
   *
   * @throws DemoStopped when {@link #close} was called meanwhile
   */
  public String start(Settings settings) throws SQLException, IOException {
    synchronized (this) {
      if (stopping) {
        throw new DemoStopped();
      }
      starting = true;
    }
    try {
      return startAll(settings);
    } finally {
      synchronized (this) {
        starting = false;
        notifyAll();
      }
    }
  }

  private String startAll(Settings settings) throws SQLException, IOException {
    DemoConfig demo = settings.demo();
    Path data = Path.of(demo.dataDir()).toAbsolutePath();
    started(DataDirLock.acquire(data));
    logFile = LogFile.writeTo(data.resolve("caregrid.log"));
    StaleDatabase.stopIfLeft(data.resolve("postgres"));
    Ports.requireFree(settings.http().port(), "the console", "http.port");
    Ports.requireFree(demo.brokerPort(), "the embedded MQTT broker", "demo.broker-port");
    Ports.requireFree(demo.databasePort(), "the embedded PostgreSQL", "demo.database-port");

    requireNotStopping();
    EmbeddedDatabase database =
        started(EmbeddedDatabase.start(data.resolve("postgres"), demo.databasePort()));
    // The key the registry's DTLS keys are sealed under: the demo's own, in its data folder,
    // unless one is configured.
    Path pskKeyFile =
        settings.database().pskKeyFile().isEmpty()
            ? data.resolve("psk.key")
            : Path.of(settings.database().pskKeyFile());
    PskCipher psks = PskKeyFile.loadOrCreate(pskKeyFile);
    DatabaseConfig db =
        settings
            .database()
            .withUrl(database.jdbcUrl("postgres"))
            .withPskKeyFile(pskKeyFile.toString());

    District district = new DistrictGenerator(demo.seed()).generate(demo.homes());
    DeviceKeys keys = DeviceKeys.random(district);
    DemoBroker.Logins logins;
    // Enrol before the platform starts, so ingest's first registry load has the devices.
    try (HikariDataSource pool = DataSources.create(db, "demo-setup")) {
      Migrations.migrate(pool, db.storage());
      if (DistrictEnrolment.enrolOnce(pool, district)) {
        LOG.info(
            "Enrolled a simulated district: {} stations, {} homes",
            district.stations().size(),
            district.homes().size());
      }
      // New random DTLS keys at every start, kept in memory for the simulated devices only.
      DistrictEnrolment.storeKeys(pool, keys, psks);
      DemoStaff.createOnce(pool, district, settings.auth().bcryptCost());
      DemoAccounts.createOnce(pool, settings.auth().bcryptCost());
      DemoRoster.fillWeek(pool);
      DemoCareRecords.createOnce(pool, demo.seed());
      if (DemoVisits.seedOnce(pool)) {
        LOG.info("Seeded needs assessments, visit plans and earlier visits");
      }
      logins = DemoBroker.logins(pool, district, settings.mqtt().username());
    }
    requireNotStopping();
    EmbeddedBroker broker =
        started(EmbeddedBroker.start(data.resolve("broker"), demo.brokerPort(), logins.access()));
    Settings embedded = settings.withDatabase(db).withMqtt(logins.platform(broker.url()));
    signInHint = DemoStaff.signInHint(district) + "\n  " + logins.panelHint(broker.port());
    requireNotStopping();
    Launcher launcher = started(Launcher.start(embedded, EnumSet.allOf(Role.class)));
    try (HikariDataSource pool = DataSources.create(db, "demo-tokens")) {
      signInHint =
          signInHint
              + "\n  "
              + DemoAccounts.hint(pool, district, "http://localhost:" + launcher.httpPort() + "/");
    }

    IngestConfig.Coap coap = settings.ingest().coap();
    Optional<URI> coapTarget =
        coap.enabled()
            ? Optional.of(URI.create("coaps://127.0.0.1:" + coap.securePort()))
            : Optional.empty();
    requireNotStopping();
    DistrictSimulation simulation =
        started(new DistrictSimulation(Clock.systemUTC(), Instant.MAX, demo.seed()));
    simulation.start(
        district, new DistrictSimulation.Target(broker.url(), coapTarget, keys, logins.devices()));
    simulation.episodes(demo.firstEpisodeAfter(), demo.episodeEvery());
    requireNotStopping();
    return "http://localhost:" + launcher.httpPort() + "/";
  }

  /** Who can sign in to the console, once the demo has started. */
  public String signInHint() {
    return signInHint;
  }

  /** The file that holds every log line, the libraries' too. */
  public Path logFile() {
    return logFile;
  }

  /** Keeps {@code component} to stop it with the rest, unless a stop came meanwhile. */
  private <T extends AutoCloseable> T started(T component) {
    synchronized (this) {
      if (!stopping) {
        running.push(component);
        return component;
      }
    }
    stopQuietly(component);
    throw new DemoStopped();
  }

  private synchronized void requireNotStopping() {
    if (stopping) {
      throw new DemoStopped();
    }
  }

  /**
   * Stops in reverse order: devices, platform, broker, database. Safe from any thread and more than
   * once; while {@link #start} runs, waits for its current step first.
   */
  @Override
  public void close() {
    List<AutoCloseable> toStop;
    synchronized (this) {
      stopping = true;
      awaitStartStep();
      toStop = new ArrayList<>(running); // most recently started first
      running.clear();
    }
    toStop.forEach(Demo::stopQuietly);
  }

  private void awaitStartStep() {
    long deadline = System.currentTimeMillis() + STEP_WAIT_MS;
    try {
      while (starting) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          LOG.warn(
              "Start-up did not reach a safe point within {} ms; stopping anyway", STEP_WAIT_MS);
          return;
        }
        wait(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void stopQuietly(AutoCloseable component) {
    try {
      component.close();
    } catch (Exception e) {
      LOG.warn("{} did not stop cleanly: {}", component.getClass().getSimpleName(), e.toString());
    }
  }
}

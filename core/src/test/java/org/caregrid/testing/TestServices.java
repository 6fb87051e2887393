package org.caregrid.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.core.db.StoragePreference;
import org.caregrid.embedded.EmbeddedBroker;
import org.caregrid.embedded.EmbeddedDatabase;
import org.junit.jupiter.api.Assumptions;

/**
 * The real services integration tests run against. By default they are embedded (PostgreSQL 17 and
 * an MQTT 5 broker, started once per test JVM); these environment variables point them elsewhere:
 *
 * <ul>
 *   <li>{@code CAREGRID_TEST_DB_URL}: the server for storage and end-to-end tests (CI: TimescaleDB)
 *   <li>{@code CAREGRID_TEST_PLAIN_DB_URL}: a PostgreSQL without TimescaleDB, for the partitioned
 *       layout (CI: the machine's PostgreSQL 15)
 *   <li>{@code CAREGRID_TEST_REQUIRE_TIMESCALE=true}: fail, instead of skip, the TimescaleDB
 *       variants when the server above cannot load the extension
 *   <li>{@code CAREGRID_TEST_MQTT_URL}: the broker (CI: Mosquitto)
 * </ul>
 *
 * Each call to a {@code fresh...} method creates a new, empty database, so tests never see each
 * other's rows.
 */
public final class TestServices {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedDatabase embeddedDatabase;
  private static EmbeddedBroker embeddedBroker;
  private static Boolean serverHasTimescale;

  private TestServices() {}

  /** A new database on the main test server (TimescaleDB in CI), with the layout {@code auto}. */
  public static DatabaseConfig freshDatabase() {
    return fresh(env("CAREGRID_TEST_DB_URL"), StoragePreference.AUTO);
  }

  /** A new database on a server without TimescaleDB, for the partitioned layout. */
  public static DatabaseConfig freshPlainDatabase() {
    return fresh(env("CAREGRID_TEST_PLAIN_DB_URL"), StoragePreference.PARTITIONED);
  }

  /**
   * A new database on the main test server that must be able to load TimescaleDB; the calling test
   * is skipped, visibly, where it cannot and {@code CAREGRID_TEST_REQUIRE_TIMESCALE} is not set.
   */
  public static DatabaseConfig freshTimescaleDatabase() {
    Assumptions.assumeTrue(
        timescaleRequired() || serverHasTimescale(),
        "the test server has no TimescaleDB; set CAREGRID_TEST_DB_URL (scripts/timescaledb.sh)");
    return fresh(env("CAREGRID_TEST_DB_URL"), StoragePreference.TIMESCALEDB);
  }

  private static boolean timescaleRequired() {
    return env("CAREGRID_TEST_REQUIRE_TIMESCALE").map(Boolean::parseBoolean).orElse(false);
  }

  private static synchronized boolean serverHasTimescale() {
    if (serverHasTimescale == null) {
      String admin =
          env("CAREGRID_TEST_DB_URL").orElseGet(() -> embeddedDatabase().jdbcUrl("postgres"));
      try (Connection c = DriverManager.getConnection(admin);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT current_setting('shared_preload_libraries') LIKE '%timescaledb%'")) {
        rs.next();
        serverHasTimescale = rs.getBoolean(1);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot probe the test server at " + admin, e);
      }
    }
    return serverHasTimescale;
  }

  public static MqttConfig broker() {
    return MqttConfig.defaults()
        .withUrl(env("CAREGRID_TEST_MQTT_URL").orElseGet(TestServices::embeddedBrokerUrl));
  }

  /**
   * How many QoS 1 messages the test broker sends one connection that acknowledges none of them,
   * given the {@code receiveMaximum} the connection announced. Mosquitto sends up to the window.
   * HiveMQ CE sends a message straight through only while the connection has none in flight, and
   * queues the rest until a PUBACK makes it poll the queue again (then up to the window): a
   * connection that never acknowledges holds one message, and the broker keeps everything else.
   * Either way the connection can take no more, which is what tests of a stuck consumer wait for.
   */
  public static int inFlightWithoutAcks(int receiveMaximum) {
    return env("CAREGRID_TEST_MQTT_URL").isPresent() ? receiveMaximum : 1;
  }

  private static DatabaseConfig fresh(Optional<String> serverUrl, StoragePreference storage) {
    String admin = serverUrl.orElseGet(() -> embeddedDatabase().jdbcUrl("postgres"));
    String name =
        "caregrid_it_%d_%d".formatted(ProcessHandle.current().pid(), DATABASES.incrementAndGet());
    try (Connection c = DriverManager.getConnection(admin);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database on " + admin, e);
    }
    DatabaseConfig base = DatabaseConfig.defaults();
    return new DatabaseConfig(
        withDatabase(admin, name), base.user(), base.password(), base.poolSize(), storage, "");
  }

  /** The maintenance database of the server {@code database} lives on: to switch it off and on. */
  public static String adminUrl(DatabaseConfig database) {
    return withDatabase(database.url(), "postgres");
  }

  /**
   * Switches the test database off or on as the platform would see an outage: new connections
   * refused, open ones cut.
   */
  public static Void setReachable(DatabaseConfig database, boolean reachable) throws SQLException {
    String name = database.url().replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");
    try (Connection admin = DriverManager.getConnection(adminUrl(database));
        Statement s = admin.createStatement()) {
      s.execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS " + reachable);
      if (!reachable) {
        s.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + name
                + "' AND pid <> pg_backend_pid()");
      }
    }
    return null;
  }

  /** Replaces the database name in a JDBC URL, keeping host, port and parameters. */
  static String withDatabase(String url, String database) {
    int hostStart = url.indexOf("//") + 2;
    int pathStart = url.indexOf('/', hostStart);
    int query = url.indexOf('?', hostStart);
    String params = query < 0 ? "" : url.substring(query);
    String hostPort =
        url.substring(0, pathStart < 0 ? (query < 0 ? url.length() : query) : pathStart);
    return hostPort + "/" + database.toLowerCase(Locale.ROOT) + params;
  }

  private static synchronized EmbeddedDatabase embeddedDatabase() {
    if (embeddedDatabase == null) {
      embeddedDatabase = EmbeddedDatabase.start(null, 0);
      Runtime.getRuntime().addShutdownHook(new Thread(embeddedDatabase::close));
    }
    return embeddedDatabase;
  }

  private static synchronized String embeddedBrokerUrl() {
    if (embeddedBroker == null) {
      try {
        Path home = Files.createTempDirectory("caregrid-test-broker");
        embeddedBroker = EmbeddedBroker.start(home, FreePorts.tcp());
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot create the embedded broker's folder", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(embeddedBroker::close));
    }
    return embeddedBroker.url();
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }
}

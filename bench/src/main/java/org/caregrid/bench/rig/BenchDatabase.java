package org.caregrid.bench.rig;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.db.StoragePreference;
import org.caregrid.testing.Sql;

/**
 * A fresh database of its own on the benchmark's server, migrated, with the bench's devices
 * enrolled in one home: every run starts from empty tables.
 */
public final class BenchDatabase implements AutoCloseable {
  private final String name;
  private final String url;
  private final HikariDataSource dataSource;

  private BenchDatabase(String name, String url, HikariDataSource dataSource) {
    this.name = name;
    this.url = url;
    this.dataSource = dataSource;
  }

  /** Creates and migrates a new database beside {@code adminUrl} (the server's maintenance one). */
  public static BenchDatabase create(String adminUrl) throws SQLException {
    String name = "caregrid_bench_" + System.currentTimeMillis();
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    BenchDatabase db = open(adminUrl, name);
    Migrations.migrate(db.dataSource, StoragePreference.AUTO);
    return db;
  }

  /** A database an earlier run created (and seeded) beside {@code adminUrl}. */
  public static BenchDatabase open(String adminUrl, String name) {
    String url = adminUrl.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
    DatabaseConfig d = DatabaseConfig.defaults();
    HikariDataSource db =
        DataSources.create(
            new DatabaseConfig(url, d.user(), d.password(), 4, StoragePreference.AUTO, ""),
            "bench");
    return new BenchDatabase(name, url, db);
  }

  /** Its name on the server. */
  public String name() {
    return name;
  }

  /** The ids the bench's devices have: {@code bench-00000} onwards. */
  public static List<String> deviceIds(int devices) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < devices; i++) {
      ids.add(String.format(Locale.ROOT, "bench-%05d", i));
    }
    return ids;
  }

  /** Enrols the first {@code devices} of {@link #deviceIds}, all for one resident. */
  public void enrol(int devices) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO home (address, community, lat, lon) VALUES ('bench', 'bench', 40.6, 109.9)");
      s.execute("INSERT INTO resident (home_id, name) SELECT id, 'bench' FROM home");
      s.execute(
          "INSERT INTO device (uid, kind, home_id, resident_id, expected_interval_s)"
              + " SELECT 'bench-' || lpad(g::text, 5, '0'), 'care_bed', r.home_id, r.id, 10"
              + " FROM resident r, generate_series(0, "
              + (devices - 1)
              + ") g");
    }
  }

  public String url() {
    return url;
  }

  public HikariDataSource dataSource() {
    return dataSource;
  }

  /** {@code timescaledb} or {@code partitioned}: how the readings are stored. */
  public String storage() {
    return Migrations.inspect(dataSource).name().toLowerCase(Locale.ROOT);
  }

  /**
   * Puts the storage layout and the server's durability into {@code results}, and says so when the
   * server does not flush each commit: such figures leave out the cost of a commit in production.
   */
  public void describe(Results results) {
    results.put("storage", storage());
    String fsync = Sql.text(dataSource, "SHOW fsync");
    String synchronousCommit = Sql.text(dataSource, "SHOW synchronous_commit");
    results.put("db_fsync", fsync);
    results.put("db_synchronous_commit", synchronousCommit);
    if (!"on".equals(fsync) || !"on".equals(synchronousCommit)) {
      Results.say(
          "the database server runs with fsync %s, synchronous_commit %s: commits do not wait"
              + " for the disk as in production (scripts/timescaledb.sh start --durable)",
          fsync, synchronousCommit);
    }
  }

  public long readings() {
    return Sql.count(dataSource, "SELECT count(*) FROM reading");
  }

  @Override
  public void close() {
    dataSource.close();
  }
}

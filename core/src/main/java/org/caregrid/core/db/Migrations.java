package org.caregrid.core.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings a database to the current schema and says which storage layout it has. */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /**
   * Applies pending migrations. On an empty database the layout follows {@code preference}; on a
   * migrated one it stays what it is.
   *
   * @return the layout of {@code reading}
   * @throws IllegalStateException when TIMESCALEDB is required but the server cannot load it
   */
  public static StorageKind migrate(DataSource dataSource, StoragePreference preference) {
    StorageKind wanted = choose(dataSource, preference);
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .placeholders(Map.of("storage", wanted.placeholder()))
        .load()
        .migrate();
    StorageKind actual = inspect(dataSource);
    LOG.info("Schema is current; readings are stored in a {}", describe(actual));
    return actual;
  }

  private static StorageKind choose(DataSource dataSource, StoragePreference preference) {
    boolean available = timescaleLoadable(dataSource);
    return switch (preference) {
      case PARTITIONED -> StorageKind.PARTITIONED;
      case AUTO -> available ? StorageKind.TIMESCALEDB : StorageKind.PARTITIONED;
      case TIMESCALEDB -> {
        if (!available) {
          throw new IllegalStateException(
              "database.storage is timescaledb, but the server cannot load the timescaledb"
                  + " extension (install it and add it to shared_preload_libraries)");
        }
        yield StorageKind.TIMESCALEDB;
      }
    };
  }

  /** The extension must be installed and preloaded: available alone is not enough to use it. */
  private static boolean timescaleLoadable(DataSource dataSource) {
    String sql =
        "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')"
            + " AND (EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')"
            + " OR current_setting('shared_preload_libraries') LIKE '%timescaledb%')";
    return queryBoolean(dataSource, sql);
  }

  /** What the migrated {@code reading} table actually is. */
  public static StorageKind inspect(DataSource dataSource) {
    boolean partitioned =
        queryBoolean(
            dataSource,
            "SELECT EXISTS (SELECT 1 FROM pg_partitioned_table"
                + " WHERE partrelid = to_regclass('reading'))");
    return partitioned ? StorageKind.PARTITIONED : StorageKind.TIMESCALEDB;
  }

  private static boolean queryBoolean(DataSource dataSource, String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getBoolean(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot inspect the database: " + e.getMessage(), e);
    }
  }

  private static String describe(StorageKind kind) {
    return kind == StorageKind.TIMESCALEDB
        ? "TimescaleDB hypertable"
        : "PostgreSQL table partitioned by day";
  }
}

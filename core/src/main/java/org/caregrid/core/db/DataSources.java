package org.caregrid.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.caregrid.core.config.DatabaseConfig;

/** Builds the connection pool. */
public final class DataSources {
  private DataSources() {}

  public static HikariDataSource create(DatabaseConfig config, String poolName) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName(poolName);
    hikari.setJdbcUrl(config.url());
    hikari.setUsername(config.user());
    if (config.password() != null && !config.password().isEmpty()) {
      hikari.setPassword(config.password());
    }
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setMinimumIdle(1);
    // Fail fast at start-up with the driver's message rather than retrying for 30 s.
    hikari.setInitializationFailTimeout(1);
    hikari.setConnectionTimeout(5_000);
    hikari.addDataSourceProperty("ApplicationName", "caregrid-" + poolName);
    // COPY and batched statements: avoid a round trip per statement for the writer.
    hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    return new HikariDataSource(hikari);
  }
}

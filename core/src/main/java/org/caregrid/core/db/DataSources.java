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
    // After a failover (decision 0022) a pooled connection to the dead primary must be found
    // broken on its next use or while idle, not after minutes: Hikari checks one idle for more
    // than half a second before lending it; also check every 30 s while idle.
    hikari.setValidationTimeout(2_000);
    hikari.setKeepaliveTime(30_000);
    // A URL may name several hosts with targetServerType=primary: try each for 3 s, not 10.
    // A primary whose machine vanished sends no reset: a read gives up after 120 s (generous for
    // report queries), and the operating system's keepalive catches idle sockets. Settings in
    // the URL take precedence.
    hikari.addDataSourceProperty("connectTimeout", "3");
    hikari.addDataSourceProperty("socketTimeout", "120");
    hikari.addDataSourceProperty("tcpKeepAlive", "true");
    hikari.addDataSourceProperty("ApplicationName", "caregrid-" + poolName);
    // COPY and batched statements: avoid a round trip per statement for the writer.
    hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    return new HikariDataSource(hikari);
  }
}

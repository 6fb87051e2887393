package org.caregrid.core.config;

import org.caregrid.core.db.StoragePreference;

/**
 * Where readings, the registry and alerts are stored ({@code database:}).
 *
 * @param url a PostgreSQL JDBC URL; TimescaleDB is used when the server has the extension
 * @param poolSize connections in the pool; JDBC work runs on a worker pool of the same size
 * @param storage the layout to create on an empty database: auto, timescaledb or partitioned
 * @param pskKeyFile the file of the key devices' DTLS keys are sealed under in the registry ({@code
 *     PskKeyFile}); empty: none, and no DTLS key can be stored or read
 */
public record DatabaseConfig(
    String url,
    String user,
    String password,
    int poolSize,
    StoragePreference storage,
    String pskKeyFile) {
  public DatabaseConfig {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException("database.url must be a jdbc:postgresql: URL, got: " + url);
    }
    if (poolSize < 1 || poolSize > 200) {
      throw new ConfigException("database.pool-size must be 1..200, got: " + poolSize);
    }
    if (storage == null) {
      throw new ConfigException("database.storage must be auto, timescaledb or partitioned");
    }
    pskKeyFile = pskKeyFile == null ? "" : pskKeyFile.strip();
  }

  public static DatabaseConfig defaults() {
    return new DatabaseConfig(
        "jdbc:postgresql://127.0.0.1:5432/caregrid", "postgres", "", 6, StoragePreference.AUTO, "");
  }

  public DatabaseConfig withUrl(String newUrl) {
    return new DatabaseConfig(newUrl, user, password, poolSize, storage, pskKeyFile);
  }

  public DatabaseConfig withPoolSize(int newPoolSize) {
    return new DatabaseConfig(url, user, password, newPoolSize, storage, pskKeyFile);
  }

  public DatabaseConfig withPskKeyFile(String file) {
    return new DatabaseConfig(url, user, password, poolSize, storage, file);
  }

  @Override
  public String toString() {
    return "DatabaseConfig[url=%s, user=%s, password=***, poolSize=%d, storage=%s, pskKeyFile=%s]"
        .formatted(url, user, poolSize, storage, pskKeyFile);
  }
}

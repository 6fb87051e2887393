package org.caregrid.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.device.StatusChange;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Status changes that arrive while a write runs go together in the next: a reconnect of many
 * devices costs a few statements and commits, not one each. The table's lock, held by another
 * transaction, keeps the first write running while the rest arrive; a statement-level trigger
 * counts the statements that reach the table.
 */
class JdbcStatusSinkIT {
  private static final int DEVICES = 300;

  private HikariDataSource db;
  private Vertx vertx;
  private WorkerExecutor workers;
  private final List<Device> devices = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig config = TestServices.freshDatabase();
    db = DataSources.create(config, "it");
    Migrations.migrate(db, config.storage());
    RegistryFixture registry = new RegistryFixture(db);
    int resident = registry.resident("Ma Jun");
    for (int i = 0; i < DEVICES; i++) {
      devices.add(registry.device("pendant-" + i, DeviceKind.SOS_PENDANT, resident));
    }
    Sql.execute(db, "CREATE TABLE status_statements (at timestamptz DEFAULT now())");
    Sql.execute(
        db,
        "CREATE FUNCTION count_status_statement() RETURNS trigger LANGUAGE plpgsql AS"
            + " $$ BEGIN INSERT INTO status_statements DEFAULT VALUES; RETURN NULL; END $$");
    Sql.execute(
        db,
        "CREATE TRIGGER count_status_statement AFTER INSERT ON device_status"
            + " FOR EACH STATEMENT EXECUTE FUNCTION count_status_statement()");
    vertx = Vertx.vertx();
    workers = vertx.createSharedWorkerExecutor("it-db", 4);
  }

  @AfterEach
  void tearDown() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
    db.close();
  }

  @Test
  void changesThatArriveDuringAWriteShareTheNextStatement() throws Exception {
    JdbcStatusSink sink = new JdbcStatusSink(db, workers);
    List<Future<Void>> written = new ArrayList<>();
    try (Connection blocker = db.getConnection();
        Statement s = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      s.execute("LOCK TABLE device_status IN SHARE MODE");
      written.add(sink.send(new StatusChange(devices.get(0), true, 1_000)));
      await("the first write waits for the lock")
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  Sql.count(
                          db,
                          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              + " AND datname = current_database()")
                      == 1);
      for (Device d : devices.subList(1, DEVICES)) {
        written.add(sink.send(new StatusChange(d, true, 1_000)));
      }
      blocker.commit();
    }
    Future.all(written).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);

    assertThat(Sql.count(db, "SELECT count(*) FROM device_status WHERE online")).isEqualTo(DEVICES);
    assertThat(Sql.count(db, "SELECT count(*) FROM status_statements")).isEqualTo(2);
  }

  @Test
  void aBatchLeavesWhatTheChangesOneAfterAnotherWould() throws Exception {
    JdbcStatusSink sink = new JdbcStatusSink(db, workers);
    Device pendant = devices.get(0);
    List<Future<Void>> written = new ArrayList<>();
    try (Connection blocker = db.getConnection();
        Statement s = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      s.execute("LOCK TABLE device_status IN SHARE MODE");
      written.add(sink.send(new StatusChange(devices.get(1), true, 1_000)));
      await("the first write waits for the lock")
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  Sql.count(
                          db,
                          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              + " AND datname = current_database()")
                      == 1);
      // online, then its Last Will arriving late with an older time stamp
      written.add(sink.send(new StatusChange(pendant, true, 5_000)));
      written.add(sink.send(new StatusChange(pendant, false, 4_000)));
      blocker.commit();
    }
    Future.all(written).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);

    assertThat(
            Sql.text(
                db,
                "SELECT online || ' ' || (extract(epoch FROM last_seen) * 1000)::bigint"
                    + " FROM device_status WHERE device_id = "
                    + pendant.key()))
        .isEqualTo("false 5000");
  }
}

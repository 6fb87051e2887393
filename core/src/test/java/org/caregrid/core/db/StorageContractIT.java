package org.caregrid.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the schema promises, whatever the layout: written once, run against TimescaleDB and plain
 * PostgreSQL by the subclasses.
 */
abstract class StorageContractIT {
  HikariDataSource db;
  StorageKind kind;

  abstract DatabaseConfig database();

  abstract StorageKind expectedKind();

  @BeforeEach
  void migrate() {
    DatabaseConfig config = database();
    db = DataSources.create(config, "it");
    kind = Migrations.migrate(db, config.storage());
  }

  @AfterEach
  void close() {
    // null when database() skipped the test (TimescaleDB absent)
    if (db != null) {
      db.close();
    }
  }

  @Test
  void createsTheExpectedLayout() {
    assertThat(kind).isEqualTo(expectedKind());
    assertThat(Migrations.inspect(db)).isEqualTo(expectedKind());
  }

  @Test
  void migratingAgainKeepsTheLayoutWhateverThePreference() {
    StorageKind again = Migrations.migrate(db, StoragePreference.AUTO);

    assertThat(again).isEqualTo(kind);
    assertThat(Sql.count(db, "SELECT count(*) FROM flyway_schema_history WHERE success"))
        .isEqualTo(Sql.count(db, "SELECT count(*) FROM flyway_schema_history"));
  }

  @Test
  void duplicateReadingsAreSkippedOnDeviceMetricAndTime() throws SQLException {
    Device bed = new RegistryFixture(db).device("bed-1", DeviceKind.CARE_BED, residentKey());
    String insert =
        "INSERT INTO reading (time, device_id, metric, value) VALUES (now()::date + time '10:00', "
            + bed.key()
            + ", 1, %s) ON CONFLICT DO NOTHING";

    assertThat(Sql.execute(db, insert.formatted("72"))).isEqualTo(1);
    assertThat(Sql.execute(db, insert.formatted("73"))).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM reading")).isEqualTo(1);
  }

  @Test
  void readingsOfAnyDateAreAccepted() throws SQLException {
    Device bed = new RegistryFixture(db).device("bed-2", DeviceKind.CARE_BED, residentKey());
    Sql.execute(
        db,
        ("INSERT INTO reading (time, device_id, metric, value) VALUES"
                + " (now() - interval '700 days', %1$d, 1, 60), (now(), %1$d, 1, 61),"
                + " (now() + interval '3 days', %1$d, 1, 62)")
            .formatted(bed.key()));

    assertThat(Sql.count(db, "SELECT count(*) FROM reading")).isEqualTo(3);
  }

  @Test
  void onlyOneOpenAlertPerResidentAndKind() throws SQLException {
    int resident = residentKey();
    String open =
        "INSERT INTO alert (kind, severity, resident_id, state, raised_at, last_seen_at)"
            + " VALUES ('sos', 'critical', "
            + resident
            + ", 'raised', now(), now())";
    Sql.execute(db, open);

    assertThatThrownBy(() -> Sql.execute(db, open))
        .hasMessageContaining("alert_one_open_per_cause");

    Sql.execute(db, "UPDATE alert SET state = 'resolved', outcome = 'assisted'");
    assertThat(Sql.execute(db, open)).isEqualTo(1);
  }

  @Test
  void auditTrailIsAppendOnly() throws SQLException {
    int resident = residentKey();
    Sql.execute(
        db,
        "INSERT INTO alert (kind, severity, resident_id, state, raised_at, last_seen_at)"
            + " VALUES ('fall', 'critical', "
            + resident
            + ", 'raised', now(), now())");
    Sql.execute(
        db,
        "INSERT INTO alert_event (alert_id, actor, action) SELECT id, 'system', 'raised' FROM alert");

    assertThatThrownBy(() -> Sql.execute(db, "UPDATE alert_event SET actor = 'someone'"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> Sql.execute(db, "DELETE FROM alert_event"))
        .hasMessageContaining("append-only");
  }

  private int residentKey() throws SQLException {
    return new RegistryFixture(db).resident("Wang Fang");
  }
}

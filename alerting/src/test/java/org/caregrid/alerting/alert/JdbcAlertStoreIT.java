package org.caregrid.alerting.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.AlertState;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcAlertStoreIT {
  private HikariDataSource db;
  private JdbcAlertStore store;
  private Device bed;

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig config = TestServices.freshDatabase();
    db = DataSources.create(config, "it");
    Migrations.migrate(db, config.storage());
    store = new JdbcAlertStore(db);
    RegistryFixture registry = new RegistryFixture(db);
    bed = registry.device("bed-a", DeviceKind.CARE_BED, registry.resident("Zhao Min"));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private AlertCandidate candidate(long at) {
    return new AlertCandidate(
        AlertKind.VITAL_LIMIT, Severity.HIGH, bed.residentKey(), bed.key(), at, "pulse high");
  }

  @Test
  void firstRaiseOpensAnAlertAndAuditsIt() throws Exception {
    AlertChange change = store.raise(candidate(1_000));

    assertThat(change.state()).isEqualTo(AlertState.RAISED);
    assertThat(change.occurrences()).isEqualTo(1);
    assertThat(Sql.text(db, "SELECT action FROM alert_event")).isEqualTo("raised");
  }

  @Test
  void concurrentRaisesForOneCauseEndInOneAlert() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<AlertChange>> raises = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        long at = 1_000L + i;
        raises.add(() -> store.raise(candidate(at)));
      }
      List<Long> ids = new ArrayList<>();
      for (Future<AlertChange> f : pool.invokeAll(raises)) {
        ids.add(f.get().alertId());
      }

      assertThat(ids).containsOnly(ids.get(0));
      assertThat(Sql.count(db, "SELECT count(*) FROM alert")).isEqualTo(1);
      assertThat(Sql.count(db, "SELECT occurrences FROM alert")).isEqualTo(200);
      assertThat(Sql.count(db, "SELECT count(*) FROM alert_event WHERE action = 'raised'"))
          .isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClosedAlertLetsTheNextEpisodeOpenANewOne() throws Exception {
    long first = store.raise(candidate(1_000)).alertId();
    Sql.execute(db, "UPDATE alert SET state = 'resolved', outcome = 'assisted'");

    long second = store.raise(candidate(2_000)).alertId();

    assertThat(second).isNotEqualTo(first);
  }
}

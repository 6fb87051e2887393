package org.caregrid.alerting.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.routing.HelpRequestBuilder;
import org.caregrid.alerting.routing.JdbcRouteStore;
import org.caregrid.alerting.routing.RouteStep;
import org.caregrid.alerting.routing.Router;
import org.caregrid.alerting.routing.RoutingConfig;
import org.caregrid.alerting.routing.Tier;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Finding;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.bus.BusCodecs;
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
import org.junit.jupiter.api.Timeout;

/**
 * Findings about one cause reach the database in the order rules made them, although the worker
 * pool that writes them has several threads: a fall and its cancel a moment later end as the
 * cancel's check call, never as the fall they followed.
 */
class AlertsOrderIT {
  private static final int RESIDENTS = 40;

  private HikariDataSource db;
  private Vertx vertx;
  private WorkerExecutor workers;
  private final List<Device> detectors = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig config = TestServices.freshDatabase();
    db = DataSources.create(config, "it");
    Migrations.migrate(db, config.storage());
    RegistryFixture registry = new RegistryFixture(db);
    registry.station("near", "community", 0, 40.6, 109.9, 100);
    for (int i = 0; i < RESIDENTS; i++) {
      int resident = registry.resident("Resident " + i, 40.6, 109.9);
      detectors.add(registry.device("fall-" + i, DeviceKind.FALL_DETECTOR, resident));
    }
    vertx = Vertx.vertx();
    BusCodecs.register(vertx);
    workers = vertx.createSharedWorkerExecutor("it-alerting-db", 4);
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
    db.close();
  }

  @Test
  @Timeout(60)
  void aFallCancelledAMomentLaterEndsAsTheCheckCallForEveryResident() {
    Clock clock = Clock.systemUTC();
    Alerts alerts = alerts(clock, new AlertListener() {});

    List<Future<Raised>> written = new ArrayList<>();
    long at = clock.millis();
    for (Device d : detectors) {
      written.add(alerts.raise(fall(d, Severity.CRITICAL, at)));
      written.add(alerts.raise(fall(d, Severity.HIGH, at + 20_000)));
    }
    Future.all(written).await();

    assertThat(Sql.count(db, "SELECT count(*) FROM alert WHERE severity = 'high'"))
        .isEqualTo(RESIDENTS);
  }

  @Test
  @Timeout(60)
  void aHandOverThatThrowsDoesNotHoldUpTheNextFindingOfItsCause() throws Exception {
    Clock clock = Clock.systemUTC();
    Alerts alerts =
        alerts(
            clock,
            new AlertListener() {
              @Override
              public void raised(AlertChange alert, RouteStep step) {
                throw new IllegalStateException("the sender broke");
              }
            });
    Device d = detectors.get(0);
    long at = clock.millis();

    Future<Raised> first = alerts.raise(fall(d, Severity.CRITICAL, at));
    Future<Raised> second = alerts.raise(fall(d, Severity.HIGH, at + 20_000));

    second.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(first.succeeded()).isTrue();
    assertThat(Sql.text(db, "SELECT severity FROM alert")).isEqualTo("high");
  }

  private Alerts alerts(Clock clock, AlertListener listener) {
    JdbcRouteStore routing =
        new JdbcRouteStore(
            db, new Router(Tier.DISTRICT), new HelpRequestBuilder(RoutingConfig.defaults()));
    return new Alerts(
        vertx, workers, new JdbcAlertStore(db, routing), clock, AlertingMetrics.NOOP, listener);
  }

  private static AlertCandidate fall(Device d, Severity severity, long at) {
    return new AlertCandidate(
        AlertKind.FALL, severity, d.residentKey(), d.key(), at, "fall", Finding.of("fall"));
  }
}

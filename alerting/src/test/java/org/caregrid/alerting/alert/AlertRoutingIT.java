package org.caregrid.alerting.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.caregrid.alerting.routing.Deadline;
import org.caregrid.alerting.routing.Escalation;
import org.caregrid.alerting.routing.HelpRequest;
import org.caregrid.alerting.routing.HelpRequestBuilder;
import org.caregrid.alerting.routing.JdbcRouteStore;
import org.caregrid.alerting.routing.Router;
import org.caregrid.alerting.routing.RoutingConfig;
import org.caregrid.alerting.routing.Tier;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Finding;
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

/** Raising, routing and escalating alerts in a real database, step by step. */
class AlertRoutingIT {
  private static final Instant T0 = Instant.parse("2026-11-30T02:10:00Z");

  private HikariDataSource db;
  private JdbcRouteStore routing;
  private JdbcAlertStore store;
  private Device pendant;
  private int near;
  private int mid;
  private int street;
  private int district;

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig config = TestServices.freshDatabase();
    db = DataSources.create(config, "it");
    Migrations.migrate(db, config.storage());
    routing =
        new JdbcRouteStore(
            db, new Router(Tier.DISTRICT), new HelpRequestBuilder(RoutingConfig.defaults()));
    store = new JdbcAlertStore(db, routing);
    RegistryFixture registry = new RegistryFixture(db);
    district = registry.station("D", "district", 0, 40.65, 109.85, 50);
    street = registry.station("S", "street", district, 40.62, 109.88, 20);
    near = registry.station("near", "community", street, 40.609, 109.9, 2);
    mid = registry.station("mid", "community", street, 40.618, 109.9, 2);
    pendant =
        registry.device(
            "pendant-a", DeviceKind.SOS_PENDANT, registry.resident("Zhao Min", 40.6, 109.9));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private AlertCandidate sos(long at) {
    return new AlertCandidate(
        AlertKind.SOS,
        Severity.CRITICAL,
        pendant.residentKey(),
        pendant.key(),
        at,
        "SOS pressed",
        Finding.of("event", "event", "sos"));
  }

  @Test
  void aNewAlertIsStoredRoutedToTheNearestStationAndAudited() throws Exception {
    Raised raised = store.raise(sos(T0.toEpochMilli()), T0);

    assertThat(raised.opened()).isTrue();
    assertThat(raised.requests()).hasSize(1);
    HelpRequest request = raised.requests().get(0);
    assertThat(request.station().code()).isEqualTo("near");
    assertThat(request.acceptBy()).isEqualTo(T0.plusSeconds(60));
    assertThat(request.home().address()).isEqualTo("Zhao Min's home");
    assertThat(request.resident().name()).isEqualTo("Zhao Min");
    assertThat(Sql.count(db, "SELECT station_id FROM alert")).isEqualTo((long) near);
    assertThat(Sql.count(db, "SELECT count(*) FROM alert_route")).isEqualTo(1);
    assertThat(Sql.text(db, "SELECT string_agg(action, ',' ORDER BY id) FROM alert_event"))
        .isEqualTo("raised,routed");
  }

  @Test
  void aRepeatIsCountedNotRoutedAgain() throws Exception {
    store.raise(sos(T0.toEpochMilli()), T0);
    Raised again = store.raise(sos(T0.toEpochMilli() + 5_000), T0.plusSeconds(5));

    assertThat(again.opened()).isFalse();
    assertThat(again.requests()).isEmpty();
    assertThat(again.alert().occurrences()).isEqualTo(2);
    assertThat(Sql.count(db, "SELECT count(*) FROM alert_route")).isEqualTo(1);
  }

  @Test
  void concurrentRaisesForOneCauseEndInOneAlertRoutedOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Raised>> raises = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        long at = T0.toEpochMilli() + i;
        raises.add(() -> store.raise(sos(at), T0));
      }
      int opened = 0;
      for (Future<Raised> f : pool.invokeAll(raises)) {
        opened += f.get().opened() ? 1 : 0;
      }

      assertThat(opened).isEqualTo(1);
      assertThat(Sql.count(db, "SELECT count(*) FROM alert")).isEqualTo(1);
      assertThat(Sql.count(db, "SELECT occurrences FROM alert")).isEqualTo(200);
      assertThat(Sql.count(db, "SELECT count(*) FROM alert_route")).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anUnacceptedAlertEscalatesTierByTierThenIsAskedAgainOfEveryStationItReached()
      throws Exception {
    long id = store.raise(sos(T0.toEpochMilli()), T0).alert().alertId();

    assertThat(routing.escalateIfDue(id, T0.plusSeconds(59))).isEmpty();
    Escalation second = routing.escalateIfDue(id, T0.plusSeconds(60)).orElseThrow();
    Escalation third = routing.escalateIfDue(id, T0.plusSeconds(120)).orElseThrow();
    Escalation again = routing.escalateIfDue(id, T0.plusSeconds(180)).orElseThrow();

    assertThat(second.requests())
        .extracting(r -> r.station().code())
        .containsExactlyInAnyOrder("S", "mid");
    assertThat(second.requests()).allMatch(r -> r.step() == 1 && !r.adviseEmergencyCall());
    assertThat(third.requests()).extracting(r -> r.station().code()).containsExactly("D");
    assertThat(third.requests().get(0).adviseEmergencyCall()).isTrue();
    // no step left: the alert is not dropped, every station it reached and the district centre
    // are asked again, with the 120 advice, due again after the critical resend interval (60 s)
    assertThat(again.again()).isTrue();
    assertThat(again.requests())
        .extracting(r -> r.station().code())
        .containsExactly("D", "S", "near", "mid");
    assertThat(again.requests())
        .allMatch(
            r ->
                r.step() == 2
                    && r.adviseEmergencyCall()
                    && r.acceptBy().equals(T0.plusSeconds(240)));
    assertThat(routing.awaiting()).extracting(Deadline::at).containsExactly(T0.plusSeconds(240));
    // and again at each interval, as long as nobody accepts
    assertThat(routing.escalateIfDue(id, T0.plusSeconds(239))).isEmpty();
    assertThat(routing.escalateIfDue(id, T0.plusSeconds(240)).orElseThrow().requests()).hasSize(4);
    assertThat(Sql.text(db, "SELECT string_agg(action, ',' ORDER BY id) FROM alert_event"))
        .isEqualTo("raised,routed,escalated,escalated,unanswered,resent");
    assertThat(Sql.count(db, "SELECT count(*) FROM alert_route WHERE alert_id = " + id))
        .isEqualTo(4);
    assertThat(Sql.count(db, "SELECT (extract(epoch FROM unanswered_since))::bigint FROM alert"))
        .isEqualTo(T0.plusSeconds(180).getEpochSecond());
    // once accepted, nothing is owed any more
    Sql.execute(db, "UPDATE alert SET state = 'accepted' WHERE id = " + id);
    assertThat(routing.escalateIfDue(id, T0.plusSeconds(300))).isEmpty();
    assertThat(routing.awaiting()).isEmpty();
  }

  @Test
  void pendingDeadlinesAreReadBackFromTheDatabase() throws Exception {
    long id = store.raise(sos(T0.toEpochMilli()), T0).alert().alertId();

    JdbcRouteStore afterRestart =
        new JdbcRouteStore(
            db, new Router(Tier.DISTRICT), new HelpRequestBuilder(RoutingConfig.defaults()));

    assertThat(afterRestart.awaiting())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.alertId()).isEqualTo(id);
              assertThat(d.at()).isEqualTo(T0.plusSeconds(60));
            });
    assertThat(afterRestart.escalateIfDue(id, T0.plusSeconds(61))).isPresent();
  }

  @Test
  void theNearestStationOffDutyOrFullIsPassedOver() throws Exception {
    Sql.execute(db, "UPDATE station SET on_duty = false WHERE code = 'near'");
    HelpRequest offDuty = store.raise(sos(T0.toEpochMilli()), T0).requests().get(0);

    Sql.execute(db, "UPDATE station SET on_duty = true WHERE code = 'near'");
    Sql.execute(db, "UPDATE alert SET station_id = " + near); // near now carries one open alert
    RegistryFixture registry = new RegistryFixture(db);
    int other = registry.resident("Qian Li", 40.6, 109.9);
    Sql.execute(db, "UPDATE station SET capacity = 1 WHERE code = 'near'");
    HelpRequest full =
        store
            .raise(
                new AlertCandidate(
                    AlertKind.FALL, Severity.CRITICAL, other, 0, 1L, "fall", Finding.of("fall")),
                T0)
            .requests()
            .get(0);

    assertThat(offDuty.station().code()).isEqualTo("mid");
    assertThat(full.station().code()).isEqualTo("mid");
    assertThat(mid).isNotEqualTo(near);
  }

  @Test
  void restoreClosesTheOpenAlertAndNotedAlertsStayOpen() throws Exception {
    AlertCandidate offline =
        new AlertCandidate(
            AlertKind.DEVICE_OFFLINE,
            Severity.HIGH,
            pendant.residentKey(),
            pendant.key(),
            1L,
            "pendant offline",
            Finding.of("offline"));
    store.raise(offline, T0);

    assertThat(store.note(AlertKind.DEVICE_OFFLINE, pendant.residentKey(), T0, "checked"))
        .get()
        .extracting(c -> c.state())
        .isEqualTo(AlertState.RAISED);
    assertThat(store.restore(AlertKind.DEVICE_OFFLINE, pendant.residentKey(), T0, "back online"))
        .get()
        .extracting(c -> c.state())
        .isEqualTo(AlertState.RESOLVED);
    assertThat(Sql.text(db, "SELECT outcome FROM alert")).isEqualTo("restored");
    assertThat(routing.awaiting()).isEmpty();
    assertThat(store.restore(AlertKind.DEVICE_OFFLINE, pendant.residentKey(), T0, "again"))
        .isEmpty();
  }

  @Test
  void notifiedMovesTheAlertOnOnceAndRecordsEachStation() throws Exception {
    long id = store.raise(sos(T0.toEpochMilli()), T0).alert().alertId();

    assertThat(store.notified(id, near, T0.plusMillis(5)))
        .get()
        .extracting(c -> c.state())
        .isEqualTo(AlertState.NOTIFIED);
    assertThat(store.notified(id, near, T0.plusMillis(6))).isEmpty();
    assertThat(Sql.text(db, "SELECT note FROM alert_event WHERE action = 'notified'"))
        .isEqualTo("near");
  }

  @Test
  void raisedSinceTellsWhetherAReplayedCauseWasAlreadyRaised() throws Exception {
    store.raise(sos(T0.toEpochMilli()), T0);

    assertThat(store.raisedSince(AlertKind.SOS, pendant.residentKey(), T0)).isTrue();
    assertThat(store.raisedSince(AlertKind.SOS, pendant.residentKey(), T0.plusSeconds(1)))
        .isFalse();
    assertThat(store.raisedSince(AlertKind.FALL, pendant.residentKey(), T0)).isFalse();
  }
}

package org.caregrid.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.caregrid.alerting.engine.EngineConfig;
import org.caregrid.alerting.routing.RoutingConfig;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertCommand;
import org.caregrid.core.alert.AlertCommand.Action;
import org.caregrid.core.alert.AlertState;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.caregrid.testing.TopicSubscriber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alerting tier end to end on a real database and broker: events and readings on the bus in,
 * help requests on the stations' MQTT topics out, staff commands over the bus, escalation timers
 * across a restart.
 */
class AlertingRoleIT {
  private static final Duration CRITICAL_ACCEPT = Duration.ofSeconds(3);
  private static final Duration CRITICAL_RESEND = Duration.ofSeconds(2);

  private Vertx vertx;
  private TestNode node;
  private DatabaseConfig database;
  private MqttConfig broker;
  private AlertingConfig config;
  private AlertingRole role;
  private TopicSubscriber panel;
  private Device pendant;
  private Device bed;
  private int near;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    database = TestServices.freshDatabase();
    node = TestNode.start(vertx, database);
    broker = TestServices.broker();
    RegistryFixture registry = new RegistryFixture(node.dataSource());
    int district = registry.station("D", "district", 0, 40.65, 109.85, 50);
    int street = registry.station("S", "street", district, 40.62, 109.88, 20);
    near = registry.station("near", "community", street, 40.609, 109.9, 5);
    registry.station("mid", "community", street, 40.618, 109.9, 5);
    int resident = registry.resident("Zhao Min", 40.6, 109.9);
    pendant = registry.device("pendant-" + System.nanoTime(), DeviceKind.SOS_PENDANT, resident);
    bed = registry.device("bed-" + System.nanoTime(), DeviceKind.CARE_BED, resident);
    AlertingConfig defaults = AlertingConfig.defaults();
    RoutingConfig r = defaults.routing();
    config =
        new AlertingConfig(
            defaults.rules(),
            new EngineConfig(2, Duration.ofSeconds(1), Duration.ofHours(1)),
            new RoutingConfig(
                CRITICAL_ACCEPT,
                r.high(),
                r.medium(),
                r.low(),
                new RoutingConfig.Resend(
                    CRITICAL_RESEND, r.resend().high(), r.resend().medium(), r.resend().low()),
                Duration.ofSeconds(1)),
            defaults.notifications(),
            defaults.databaseWorkers());
    panel =
        new TopicSubscriber(
            broker.url(), "care/stations/+/alerts", "care/" + pendant.id().value() + "/cmd");
    role = start();
  }

  private AlertingRole start() {
    AlertingRole started = new AlertingRole(node.node(), broker, config, Clock.systemUTC());
    started.start().await();
    return started;
  }

  @AfterEach
  void tearDown() throws Exception {
    panel.close();
    role.stop().await();
    vertx.close().await();
    node.close();
  }

  private void sos() {
    long now = System.currentTimeMillis();
    vertx
        .eventBus()
        .publish(
            Addresses.EVENTS, new EventBatch(pendant, new DeviceEvent(EventType.SOS, now, 1), now));
  }

  private long alertId() {
    return Sql.count(node.dataSource(), "SELECT id FROM alert");
  }

  @Test
  void anSosBecomesAHelpRequestAtTheNearestStation() {
    sos();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> panel.on("care/stations/near/alerts").size() == 1);
    var request = panel.on("care/stations/near/alerts").get(0).json();
    assertThat(request.getString("kind")).isEqualTo("sos");
    assertThat(request.getString("severity")).isEqualTo("critical");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> "notified".equals(Sql.text(node.dataSource(), "SELECT state FROM alert")));
    assertThat(panel.received()).hasSize(1);
  }

  @Test
  void acceptingOverTheBusStopsEscalationAndTellsThePendant() {
    sos();
    await().atMost(Duration.ofSeconds(10)).until(() -> panel.received().size() == 1);

    AlertChange accepted =
        vertx
            .eventBus()
            .<AlertChange>request(
                Addresses.ALERT_COMMANDS,
                new AlertCommand(Action.ACCEPT, alertId(), "li.wei", near, null, null))
            .await()
            .body();

    assertThat(accepted.state()).isEqualTo(AlertState.ACCEPTED);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> panel.on("care/" + pendant.id().value() + "/cmd").size() == 1);
    assertThat(panel.on("care/" + pendant.id().value() + "/cmd").get(0).json().getString("type"))
        .isEqualTo("help_coming");
    // Past the accept deadline and two sweeps, nothing escalated.
    await()
        .during(CRITICAL_ACCEPT.plusSeconds(2))
        .atMost(CRITICAL_ACCEPT.plusSeconds(5))
        .until(() -> Sql.count(node.dataSource(), "SELECT count(*) FROM alert_route") == 1);
  }

  @Test
  void anSosNobodyAcceptsIsAskedAgainAfterTheLastStepUntilSomeoneAccepts() {
    sos();

    // near, then S and mid, then the district centre D; then all four again every 2 s
    await()
        .atMost(
            CRITICAL_ACCEPT.multipliedBy(3).plus(CRITICAL_RESEND.multipliedBy(2)).plusSeconds(10))
        .until(() -> panel.on("care/stations/near/alerts").size() >= 3);
    assertThat(panel.on("care/stations/D/alerts").size()).isGreaterThanOrEqualTo(3);
    var again = panel.on("care/stations/near/alerts").get(1).json();
    assertThat(again.getBoolean("advise_emergency_call")).isTrue();
    assertThat(again.getInteger("step")).isEqualTo(2);
    assertThat(Sql.text(node.dataSource(), "SELECT state FROM alert")).isEqualTo("notified");
    assertThat(resends()).isGreaterThanOrEqualTo(2);

    vertx
        .eventBus()
        .request(
            Addresses.ALERT_COMMANDS,
            new AlertCommand(Action.ACCEPT, alertId(), "li.wei", near, null, null))
        .await();

    // nobody is asked again once someone accepted
    await()
        .during(CRITICAL_RESEND.plusSeconds(2))
        .atMost(CRITICAL_RESEND.plusSeconds(6))
        .until(
            () ->
                Sql.count(
                        node.dataSource(),
                        "SELECT count(*) FROM alert_event WHERE action = 'resent' AND id >"
                            + " (SELECT id FROM alert_event WHERE action = 'accepted')")
                    == 0);
  }

  private double resends() {
    Counter c = node.meters().find("caregrid.alerting.alerts.asked.again").counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void aCommandFromAnotherStationFailsWithNotFound() {
    sos();
    await().atMost(Duration.ofSeconds(10)).until(() -> panel.received().size() == 1);
    int other = near + 1000;

    Throwable failure =
        vertx
            .eventBus()
            .request(
                Addresses.ALERT_COMMANDS,
                new AlertCommand(Action.ACCEPT, alertId(), "li.wei", other, null, null))
            .toCompletionStage()
            .toCompletableFuture()
            .handle((ok, e) -> e)
            .join();

    assertThat(failure)
        .isInstanceOfSatisfying(
            ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(404));
    assertThat(Sql.text(node.dataSource(), "SELECT state FROM alert")).isEqualTo("notified");
  }

  @Test
  void anSosDuringADatabaseOutageIsStoredAndSentOnceTheDatabaseIsBack() throws Exception {
    TestServices.setReachable(database, false);
    sos();
    await().atMost(Duration.ofSeconds(10)).until(() -> storeFailures() >= 1);
    assertThat(panel.received()).isEmpty();

    TestServices.setReachable(database, true);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> panel.on("care/stations/near/alerts").size() == 1);
    assertThat(Sql.count(node.dataSource(), "SELECT count(*) FROM alert")).isEqualTo(1);
  }

  private double storeFailures() {
    Counter c = node.meters().find("caregrid.alerting.store.failures").counter();
    return c == null ? 0 : c.count();
  }

  private double evaluated(String kind) {
    Counter c = node.meters().find("caregrid.alerting.inputs").tag("kind", kind).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void aPendingEscalationSurvivesARestartAndFiresOnTime() {
    sos();
    await().atMost(Duration.ofSeconds(10)).until(() -> panel.received().size() == 1);
    long deadline =
        Sql.count(
            node.dataSource(),
            "SELECT (extract(epoch FROM accept_deadline) * 1000)::bigint FROM alert");

    role.stop().await();
    role = start();

    await().atMost(CRITICAL_ACCEPT.plusSeconds(10)).until(() -> panel.received().size() == 3);
    assertThat(panel.on("care/stations/S/alerts")).hasSize(1);
    assertThat(panel.on("care/stations/mid/alerts")).hasSize(1);
    long late = panel.on("care/stations/S/alerts").get(0).atMillis() - deadline;
    assertThat(late).isBetween(0L, 2_500L);
    assertThat(panel.on("care/stations/S/alerts").get(0).json().getInteger("step")).isEqualTo(1);
  }

  @Test
  void aThousandConcurrentReadingsForOneResidentRaiseOneAlert() throws Exception {
    long start = System.currentTimeMillis() - 60_000;
    ExecutorService threads = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        long t = start + i * 60L;
        sent.add(
            threads.submit(
                () -> {
                  go.await();
                  vertx
                      .eventBus()
                      .publish(
                          Addresses.READINGS,
                          new ReadingBatch(
                              bed, t / 60, List.of(new Reading(Metric.HR, t, 150)), t));
                  return null;
                }));
      }
      go.countDown();
      for (var f : sent) {
        f.get();
      }
    } finally {
      threads.shutdownNow();
    }

    // each reading evaluated once, by the shard that owns the resident
    await()
        .atMost(Duration.ofSeconds(10))
        .during(Duration.ofMillis(500))
        .until(() -> evaluated("readings") == 1000);

    // Pulse 150 is both beyond its band (vital_limit) and a NEWS2 red score (news2): one each.
    String perKind = "SELECT string_agg(kind || '=' || occurrences, ',' ORDER BY kind) FROM alert";
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> panel.on("care/stations/near/alerts").size() == 2);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> Sql.count(node.dataSource(), "SELECT count(*) FROM alert") == 2);
    assertThat(Sql.text(node.dataSource(), perKind)).isEqualTo("news2=1,vital_limit=1");
    assertThat(panel.on("care/stations/near/alerts"))
        .extracting(r -> r.json().getString("kind"))
        .containsExactlyInAnyOrder("news2", "vital_limit");
  }

  @Test
  void aCarePlanEditIsPickedUpWithoutARestart() throws Exception {
    Sql.execute(
        node.dataSource(),
        "UPDATE resident SET care_plan = '{\"hr_high\": 100}' WHERE id = " + bed.residentKey());
    AtomicLong clock = new AtomicLong(System.currentTimeMillis());

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              for (int i = 0; i < 5; i++) {
                long t = clock.incrementAndGet();
                vertx
                    .eventBus()
                    .publish(
                        Addresses.READINGS,
                        new ReadingBatch(bed, i, List.of(new Reading(Metric.HR, t, 110)), t));
              }
              assertThat(Sql.count(node.dataSource(), "SELECT count(*) FROM alert")).isEqualTo(1);
            });
  }
}

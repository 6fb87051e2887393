package org.caregrid.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregrid.alerting.AlertingConfig;
import org.caregrid.alerting.AlertingRole;
import org.caregrid.alerting.alert.AlertListener;
import org.caregrid.alerting.alert.Alerts;
import org.caregrid.alerting.alert.JdbcAlertStore;
import org.caregrid.alerting.alert.Raised;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.routing.HelpRequest;
import org.caregrid.alerting.routing.HelpRequestBuilder;
import org.caregrid.alerting.routing.JdbcRouteStore;
import org.caregrid.alerting.routing.Router;
import org.caregrid.alerting.routing.RoutingConfig;
import org.caregrid.alerting.routing.Tier;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Finding;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.node.Node;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.caregrid.testing.TopicSubscriber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node commits an SOS alert with its route and dies before it publishes the help request: the
 * alert desks of the two nodes still running send it to the station within seconds, once.
 */
class UnsentRequestsIT {
  // 3 s before a route counts as unsent, a sweep every second, and the publish itself.
  private static final Duration BOUND = Duration.ofSeconds(6);
  private static final Path FIGURES = Path.of("target", "unsent-help-request.txt");
  // A route counts as unsent 3 s after it was routed; the desks sweep every second.
  private static final Duration UNSENT_AND_A_SWEEP = Duration.ofSeconds(4);
  // Shorter than the 10 s a desk waits, after the database answers again, before it claims.
  private static final Duration HELD_BACK_AT_LEAST = Duration.ofSeconds(8);

  private final Vertx one = Vertx.vertx();
  private final Vertx other = Vertx.vertx();
  private TestNode nodeOne;
  private TestNode nodeOther;
  private AlertingRole deskOne;
  private AlertingRole deskOther;
  private TopicSubscriber panel;
  private JdbcAlertStore deadNodesStore;
  private final Vertx relay = Vertx.vertx();
  private CuttableLine databaseLink;
  private HikariDataSource direct;
  private Device pendant;
  private Device neighboursPendant;

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    Matcher hostPort = Pattern.compile("//([^:/]+):(\\d+)/").matcher(database.url());
    assertThat(hostPort.find()).as("host and port in %s", database.url()).isTrue();
    databaseLink = new CuttableLine(relay, "tcp://" + hostPort.group(1) + ":" + hostPort.group(2));
    int linkPort = URI.create(databaseLink.start().await()).getPort();
    // The nodes reach the database through a link the test can cut; the test reaches it directly.
    DatabaseConfig linked =
        database.withUrl(
            database.url().replace(hostPort.group(0), "//127.0.0.1:" + linkPort + "/"));
    nodeOne = TestNode.start(one, linked);
    nodeOther = TestNode.start(other, linked);
    direct = DataSources.create(database, "direct");
    RegistryFixture registry = new RegistryFixture(nodeOne.dataSource());
    int district = registry.station("D", "district", 0, 40.65, 109.85, 50);
    registry.station("near", "community", district, 40.609, 109.9, 5);
    pendant =
        registry.device(
            "pendant-" + System.nanoTime(),
            DeviceKind.SOS_PENDANT,
            registry.resident("Zhao Min", 40.6, 109.9));
    neighboursPendant =
        registry.device(
            "pendant-" + System.nanoTime(),
            DeviceKind.SOS_PENDANT,
            registry.resident("Qian Li", 40.601, 109.9));
    MqttConfig broker = TestServices.broker();
    panel = new TopicSubscriber(broker.url(), "care/stations/+/alerts");
    deskOne =
        new AlertingRole(
            named(nodeOne, "one"), broker, AlertingConfig.defaults(), Clock.systemUTC());
    deskOther =
        new AlertingRole(
            named(nodeOther, "other"), broker, AlertingConfig.defaults(), Clock.systemUTC());
    deskOne.start().await();
    deskOther.start().await();
    // The store of the node that dies: it raises and routes in one transaction, as alerting does,
    // and that node never gets to publish.
    deadNodesStore =
        new JdbcAlertStore(
            nodeOne.dataSource(),
            new JdbcRouteStore(
                nodeOne.dataSource(),
                new Router(Tier.DISTRICT),
                new HelpRequestBuilder(RoutingConfig.defaults())));
  }

  /**
   * Each desk's MQTT client id carries its node's name: two nodes (or another run on a shared
   * broker) under one name would take the connection from each other.
   */
  private static Node named(TestNode test, String name) {
    Node n = test.node();
    return new Node(
        name + "-" + System.nanoTime(), n.vertx(), n.dataSource(), n.db(), n.meters(), n.psks());
  }

  @AfterEach
  void tearDown() throws Exception {
    panel.close();
    deskOne.stop().await();
    deskOther.stop().await();
    one.close().await();
    other.close().await();
    nodeOne.close();
    nodeOther.close();
    direct.close();
    relay.close().await();
  }

  @Test
  void aHelpRequestCommittedByANodeThatDiedBeforePublishingIsSentOnceWithinSeconds()
      throws Exception {
    // given an SOS alert committed with its route to the nearest station, never published
    Instant now = Instant.now();
    long committed = System.nanoTime();
    Raised raised = deadNodesStore.raise(sos(pendant, now), now);
    assertThat(raised.requests()).hasSize(1);

    // then the station's panel receives its help request well before the escalation's re-send
    await("help request on the station's topic")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> panel.on("care/stations/near/alerts").size() == 1);
    long received = System.nanoTime();
    assertThat(panel.received().get(0).json().getLong("alert_id"))
        .isEqualTo(raised.alert().alertId());
    // and the station's receipt is recorded
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                Sql.count(
                        nodeOne.dataSource(),
                        "SELECT count(*) FROM alert_route WHERE notified_at IS NOT NULL")
                    == 1);
    assertThat(Sql.text(nodeOne.dataSource(), "SELECT state FROM alert")).isEqualTo("notified");
    // and neither desk sends it again
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> panel.received().size() == 1);
    Files.write(
        FIGURES,
        List.of(
            "commit of an alert whose node died before publishing to its help request at the"
                + " station: %d ms (bound %d ms); sent 1 time with 2 desks running"
                    .formatted((received - committed) / 1_000_000, BOUND.toMillis())));
  }

  /**
   * The broker acknowledged a help request while the database was unreachable, so the station's
   * receipt could not be recorded: once the database is back, the desk that sent it records it, and
   * neither desk's sweep sends it a second time. The desks wait before they claim anything, long
   * enough for such receipts, and then send a neighbour's request that nobody sent, once.
   */
  @Test
  void aHelpRequestReceivedWhileTheDatabaseWasDownIsRecordedAndNotSentAgain() throws Exception {
    Instant now = Instant.now();
    HelpRequest received = deadNodesStore.raise(sos(pendant, now), now).requests().get(0);
    long neverSent =
        deadNodesStore.raise(sos(neighboursPendant, now), now).requests().get(0).alertId();
    Alerts routingDesk =
        new Alerts(
            one,
            nodeOne.node().db(),
            deadNodesStore,
            Clock.systemUTC(),
            AlertingMetrics.NOOP,
            new AlertListener() {});

    databaseLink.cut();
    Future<Void> recorded = routingDesk.notified(received);
    await("the outage outlasts the time after which a route counts as unsent")
        .atMost(Duration.ofSeconds(10))
        .until(() -> Duration.between(now, Instant.now()).compareTo(UNSENT_AND_A_SWEEP) > 0);
    assertThat(recorded.isComplete()).isFalse();
    databaseLink.mend();
    long mended = System.nanoTime();

    await("the receipt recorded").atMost(Duration.ofSeconds(10)).until(recorded::succeeded);
    assertThat(
            Sql.count(
                direct,
                "SELECT count(*) FROM alert_route WHERE notified_at IS NOT NULL AND alert_id = "
                    + received.alertId()))
        .isEqualTo(1);
    await("the request nobody sent, on the station's topic")
        .atMost(Duration.ofSeconds(20))
        .until(() -> !panel.received().isEmpty());
    assertThat(Duration.ofNanos(System.nanoTime() - mended)).isGreaterThan(HELD_BACK_AT_LEAST);
    await("nothing more on the station's topic")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> panel.received().size() == 1);
    assertThat(panel.received().get(0).json().getLong("alert_id")).isEqualTo(neverSent);
  }

  private static AlertCandidate sos(Device pressed, Instant at) {
    return new AlertCandidate(
        AlertKind.SOS,
        Severity.CRITICAL,
        pressed.residentKey(),
        pressed.key(),
        at.toEpochMilli(),
        "SOS pressed",
        Finding.of("event", "event", "sos"));
  }
}

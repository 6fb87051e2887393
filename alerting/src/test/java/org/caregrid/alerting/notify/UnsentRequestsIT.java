package org.caregrid.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.caregrid.alerting.AlertingConfig;
import org.caregrid.alerting.AlertingRole;
import org.caregrid.alerting.alert.JdbcAlertStore;
import org.caregrid.alerting.alert.Raised;
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

  private final Vertx one = Vertx.vertx();
  private final Vertx other = Vertx.vertx();
  private TestNode nodeOne;
  private TestNode nodeOther;
  private AlertingRole deskOne;
  private AlertingRole deskOther;
  private TopicSubscriber panel;
  private JdbcAlertStore deadNodesStore;
  private Device pendant;

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    nodeOne = TestNode.start(one, database);
    nodeOther = TestNode.start(other, database);
    RegistryFixture registry = new RegistryFixture(nodeOne.dataSource());
    int district = registry.station("D", "district", 0, 40.65, 109.85, 50);
    registry.station("near", "community", district, 40.609, 109.9, 5);
    pendant =
        registry.device(
            "pendant-" + System.nanoTime(),
            DeviceKind.SOS_PENDANT,
            registry.resident("Zhao Min", 40.6, 109.9));
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
  }

  @Test
  void aHelpRequestCommittedByANodeThatDiedBeforePublishingIsSentOnceWithinSeconds()
      throws Exception {
    // given an SOS alert committed with its route to the nearest station, never published
    Instant now = Instant.now();
    long committed = System.nanoTime();
    Raised raised =
        deadNodesStore.raise(
            new AlertCandidate(
                AlertKind.SOS,
                Severity.CRITICAL,
                pendant.residentKey(),
                pendant.key(),
                now.toEpochMilli(),
                "SOS pressed",
                Finding.of("event", "event", "sos")),
            now);
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
}

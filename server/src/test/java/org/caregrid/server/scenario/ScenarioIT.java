package org.caregrid.server.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.caregrid.core.config.ConfigTree;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.config.HttpConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.server.Launcher;
import org.caregrid.server.Role;
import org.caregrid.server.Settings;
import org.caregrid.sim.scenario.Expectation;
import org.caregrid.sim.scenario.Scenario;
import org.caregrid.sim.scenario.ScenarioDevice;
import org.caregrid.sim.scenario.ScenarioFile;
import org.caregrid.sim.scenario.ScenarioHome;
import org.caregrid.sim.scenario.ScenarioRunner;
import org.caregrid.sim.scenario.Step;
import org.caregrid.sim.scenario.SteppedClock;
import org.caregrid.sim.scenario.Timeline;
import org.caregrid.sim.scenario.Uplink;
import org.caregrid.sim.transport.MqttSender;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestMosquitto;
import org.caregrid.testing.TestServices;
import org.caregrid.testing.TopicSubscriber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each built-in scenario played against the whole platform (ingest, alerting, dashboard) on real
 * Mosquitto and PostgreSQL, with the platform's alerting on the scenario's simulated clock, so half
 * an hour of a night passes in seconds. Asserts the alerts it ends with, the help requests the
 * station got, what ingest refused, and for redeliveries that nothing is stored twice.
 */
@Timeout(180)
class ScenarioIT {
  private final Map<String, MqttSender> senders = new LinkedHashMap<>();
  @TempDir Path brokerDir;
  private TestMosquitto broker;
  private HikariDataSource db;
  private Launcher launcher;
  private TopicSubscriber station;
  private String stationCode;

  /** Every built-in scenario, or those named in {@code -Dscenarios=a,b}. */
  static Stream<String> scenarios() {
    String only = System.getProperty("scenarios", "");
    return ScenarioFile.BUILT_IN.stream()
        .filter(n -> only.isBlank() || List.of(only.split(",")).contains(n));
  }

  @AfterEach
  void stop() throws Exception {
    // the platform first: each device says offline as it disconnects
    if (launcher != null) {
      launcher.close();
    }
    for (MqttSender s : senders.values()) {
      s.close();
    }
    if (station != null) {
      station.close();
    }
    if (db != null) {
      db.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void scenarioEndsWithTheAlertsItExpects(String name) throws Exception {
    // given the platform on the scenario's clock, and the scenario's home enrolled
    Scenario scenario = ScenarioFile.builtIn(name);
    Expectation expect = scenario.expect();

    // when the scenario plays
    ScenarioRunner runner = play(scenario);

    // then the platform holds exactly the expected alerts, for a while
    Map<String, String> expected =
        expect.alerts().stream()
            .collect(Collectors.toMap(Expectation.Alert::kind, Expectation.Alert::severity));
    await()
        .atMost(Duration.ofSeconds(15))
        .during(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(alerts()).isEqualTo(expected));

    // and the station got one help request per alert, as it was first raised
    Map<String, String> first =
        expect.alerts().stream()
            .collect(Collectors.toMap(Expectation.Alert::kind, Expectation.Alert::first));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(helpRequests()).isEqualTo(first));

    // and ingest refused what it should, counted it and kept it
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(rejected()).isEqualTo(expect.rejected()));
    int refusals = expect.rejected().values().stream().mapToInt(Integer::intValue).sum();
    assertThat(counted("caregrid.ingest.rejected", null)).isEqualTo(refusals);

    if (expect.storedOnce()) {
      long events = scenario.steps().stream().filter(s -> s.action() == Step.Action.EVENT).count();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> Sql.count(db, "SELECT count(*) FROM reading") == runner.readings());
      assertThat(Sql.count(db, "SELECT count(*) FROM device_event")).isEqualTo(events);
      assertThat(runner.published()).isGreaterThan(runner.readings() / 4 + events);
    }
  }

  @Test
  void aSlowDeviceClockIsTrustedAndItsEventStoredAtTheTimeItStates() throws Exception {
    // given the clock-skew scenario: the pendant's clock runs 2 h slow
    Instant before = Instant.now();

    // when it plays
    play(ScenarioFile.builtIn("clock-skew"));

    // then its SOS is stored about 2 h in the past, and alerted all the same
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Sql.count(db, "SELECT count(*) FROM device_event WHERE type = 'sos'") == 1);
    Instant stored =
        Instant.parse(
            Sql.text(
                db,
                "SELECT to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                    + " FROM device_event WHERE type = 'sos'"));
    assertThat(Duration.between(stored, before))
        .isBetween(Duration.ofMinutes(115), Duration.ofMinutes(125));
    await().atMost(Duration.ofSeconds(10)).until(() -> "critical".equals(alerts().get("sos")));
  }

  /** Starts the platform on the scenario's clock, enrols its home, and plays it. */
  private ScenarioRunner play(Scenario scenario) throws Exception {
    // a broker of its own: on a shared one, other tests' devices would show up as unknown here
    broker = TestMosquitto.start(brokerDir);
    DatabaseConfig database = TestServices.freshDatabase();
    db = DataSources.create(database, "it-scenario");
    Migrations.migrate(db, database.storage());
    String unique = UUID.randomUUID().toString().substring(0, 8);
    stationCode = "sc-" + unique;
    Map<String, String> uids = new LinkedHashMap<>();
    scenario.devices().forEach(d -> uids.put(d.name(), "sc-" + unique + "-" + d.name()));
    ScenarioHome.enrol(db, scenario, uids, stationCode);

    SteppedClock clock = new SteppedClock(scenario.startBefore(Instant.now()));
    Settings defaults =
        Settings.bind(
            ConfigTree.ofEnv(
                Map.of(
                    // time-based rules decide on the tick: often, as the clock jumps
                    "CAREGRID_ALERTING_ENGINE_TICK",
                    "200ms",
                    "CAREGRID_ALERTING_NOTIFY_MQTT_CLIENT_ID_PREFIX",
                    "sc-" + unique)));
    IngestConfig ingest =
        defaults
            .ingest()
            // no CoAP: its fixed ports would clash with other tests running at the same time
            .withCoap(defaults.ingest().coap().disabled())
            .withMqtt(
                new IngestConfig.Mqtt(
                    2, "sc-" + unique, "sc" + unique, 1000, Duration.ofSeconds(30)));
    Settings settings =
        defaults
            .withDatabase(database)
            .withMqtt(TestServices.broker().withUrl(broker.url()))
            .withHttp(new HttpConfig("127.0.0.1", 0, ""))
            .withIngest(ingest);
    station =
        new TopicSubscriber(settings.mqtt().url(), "care/stations/" + stationCode + "/alerts");
    launcher = Launcher.start(settings, EnumSet.allOf(Role.class), clock);

    Map<String, Uplink> links = new HashMap<>();
    for (ScenarioDevice d : scenario.devices()) {
      MqttSender sender = MqttSender.connect(settings.mqtt().url(), uids.get(d.name()), null);
      senders.put(d.name(), sender);
      links.put(
          d.name(),
          (channel, payload) -> sender.publish(channel, payload).waitForCompletion(10_000));
    }
    ScenarioRunner runner =
        new ScenarioRunner(
            scenario,
            Timeline.simulated(clock),
            links,
            // the clock moves on only once the rules have seen what was sent (or ingest refused
            // it): a reading they saw after a jump would count as heard at the later time
            sent ->
                await()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5))
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                        () ->
                            assertThat(deviceMessagesSettled())
                                .isGreaterThanOrEqualTo((double) sent)));
    runner.run();
    return runner;
  }

  /** The kind and severity of each alert the platform holds. */
  private Map<String, String> alerts() throws SQLException {
    return pairs("SELECT kind, severity FROM alert");
  }

  /** The kind and severity of each step-0 help request the station received. */
  private Map<String, String> helpRequests() {
    Map<String, String> got = new HashMap<>();
    for (TopicSubscriber.Received r : station.received()) {
      if (r.json().getInteger("step") == 0) {
        got.put(r.json().getString("kind"), r.json().getString("severity"));
      }
    }
    return got;
  }

  private Map<String, Integer> rejected() throws SQLException {
    Map<String, Integer> counts = new HashMap<>();
    pairs("SELECT reason, count(*)::text FROM rejected_message GROUP BY reason")
        .forEach((reason, n) -> counts.put(reason, Integer.parseInt(n)));
    return counts;
  }

  private Map<String, String> pairs(String sql) throws SQLException {
    Map<String, String> pairs = new HashMap<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        pairs.put(rs.getString(1), rs.getString(2));
      }
    }
    return pairs;
  }

  /**
   * Device messages the rules evaluated or ingest refused. Read from the registry, not /metrics: a
   * scrape per step would make the test crawl.
   */
  private double deviceMessagesSettled() {
    return counted("caregrid.alerting.inputs", "readings")
        + counted("caregrid.alerting.inputs", "event")
        + counted("caregrid.ingest.rejected", null);
  }

  /** The sum of a counter's series, of one message kind when {@code kind} is not null. */
  private double counted(String name, String kind) {
    var search = launcher.meters().find(name);
    if (kind != null) {
      search = search.tag("kind", kind);
    }
    return search.counters().stream().mapToDouble(Counter::count).sum();
  }
}

package org.caregrid.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.caregrid.alerting.AlertingConfig;
import org.caregrid.alerting.AlertingRole;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.reading.Metric;
import org.caregrid.dashboard.testing.AlertSeeds;
import org.caregrid.dashboard.testing.ApiClient;
import org.caregrid.dashboard.testing.ApiContract;
import org.caregrid.dashboard.testing.ContractClient;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.dashboard.testing.TestDashboard;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/alerts} over HTTP, signed in as each role, with the real alerting tier carrying
 * out staff actions; every response is held to the OpenAPI document.
 */
class AlertsApiIT {
  private static ApiContract contract;

  private AlertingRole alerting;
  private TestDashboard dashboard;
  private RegistryFixture registry;
  private AlertSeeds seeds;
  private StaffFixture staff;
  private int stationA;
  private int stationB;
  private Instant t0;

  @BeforeAll
  static void loadContract() {
    contract = ApiContract.load();
  }

  @BeforeEach
  void setUp() throws SQLException {
    Vertx vertx = Vertx.vertx();
    TestNode node = TestNode.start(vertx, TestServices.freshDatabase());
    alerting =
        new AlertingRole(
            node.node(), TestServices.broker(), AlertingConfig.defaults(), Clock.systemUTC());
    alerting.start().await();
    dashboard = TestDashboard.on(vertx, node, TestDashboard.AUTH);
    registry = new RegistryFixture(node.dataSource());
    seeds = new AlertSeeds(node.dataSource());
    staff = new StaffFixture(node.dataSource());
    int street = registry.station("S", "street", 0, 40.62, 109.88, 20);
    stationA = registry.station("A", "community", street, 40.6, 109.9, 5);
    stationB = registry.station("B", "community", street, 40.7, 109.9, 5);
    t0 = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(3600);
  }

  @AfterEach
  void tearDown() {
    alerting.stop().await();
    dashboard.close();
  }

  private long alert(String severity, String state, int minutes, int station) throws SQLException {
    int resident = registry.resident("Resident " + System.nanoTime());
    long id = seeds.alert(resident, "sos", severity, state, t0.plusSeconds(60L * minutes));
    seeds.route(id, station, 0, t0.plusSeconds(60L * minutes));
    return id;
  }

  private ContractClient signedIn(StaffFixture.User user) {
    ContractClient client = new ContractClient(dashboard.client(), contract);
    assertThat(client.login(user).status()).isEqualTo(200);
    return client;
  }

  private static List<Long> ids(ApiClient.Response r) {
    JsonArray items = r.json().getJsonArray("items");
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ids.add(items.getJsonObject(i).getLong("id"));
    }
    return ids;
  }

  /** Records of who did {@code action}, in the audit trail (alert_event) or staff_audit. */
  private long audited(String action) {
    return Sql.count(
        dashboard.node().dataSource(),
        "SELECT (SELECT count(*) FROM alert_event WHERE action = '"
            + action
            + "') + (SELECT count(*) FROM staff_audit WHERE action = 'alert."
            + action
            + "')");
  }

  @Test
  void stationStaffSeeAndActOnlyOnAlertsRoutedToTheirStation() throws SQLException {
    // given
    long atA = alert("high", "notified", 1, stationA);
    long atB = alert("critical", "notified", 2, stationB);
    ContractClient nurse = signedIn(staff.stationStaff(stationA));

    // then
    assertThat(ids(nurse.get("/alerts?state=all"))).containsExactly(atA);
    assertThat(ids(nurse.get("/alerts?station=" + stationB))).isEmpty();
    assertThat(nurse.get("/alerts/" + atB).status()).isEqualTo(404);
    assertThat(nurse.post("/alerts/" + atB + "/accept", null).status()).isEqualTo(404);
    assertThat(nurse.get("/alerts/" + atA).json().getJsonObject("alert").getLong("id"))
        .isEqualTo(atA);
    assertThat(Sql.text(dashboard.node().dataSource(), "SELECT state FROM alert WHERE id = " + atB))
        .isEqualTo("notified");
    assertThat(audited("accepted")).isZero();
  }

  @Test
  void listsPageByCursorAndRefuseBadFilters() throws SQLException {
    // given
    long high = alert("high", "raised", 1, stationA);
    long critical = alert("critical", "raised", 5, stationB);
    long medium = alert("medium", "accepted", 3, stationA);
    ContractClient district = signedIn(staff.districtAdmin());

    // when
    List<Long> seen = new ArrayList<>();
    String next = "/alerts?limit=1";
    while (next != null) {
      ApiClient.Response page = district.get(next);
      assertThat(page.status()).isEqualTo(200);
      seen.addAll(ids(page));
      String cursor = page.json().getString("nextCursor");
      next = cursor == null ? null : "/alerts?limit=1&cursor=" + cursor;
    }

    // then
    assertThat(seen).containsExactly(critical, high, medium);
    assertThat(ids(district.get("/alerts?severity=critical,medium")))
        .containsExactly(critical, medium);
    assertThat(district.get("/alerts?state=sleeping").status()).isEqualTo(400);
    assertThat(district.get("/alerts?severity=urgent").status()).isEqualTo(400);
    assertThat(district.get("/alerts?limit=0").status()).isEqualTo(400);
    assertThat(district.get("/alerts?from=yesterday").status()).isEqualTo(400);
    assertThat(district.get("/alerts?cursor=bm9wZQ").status()).isEqualTo(400);
    assertThat(new ContractClient(dashboard.client(), contract).get("/alerts").status())
        .isEqualTo(401);
  }

  @Test
  void eachStaffActionLeavesOneRecordOfWhoDidItCommittedWithIt() throws SQLException {
    // given
    long id = alert("critical", "notified", 1, stationA);
    StaffFixture.User user = staff.stationStaff(stationA);
    ContractClient nurse = signedIn(user);
    String base = "/alerts/" + id;

    // when
    ApiClient.Response accepted = nurse.post(base + "/accept", null);
    ApiClient.Response again = nurse.post(base + "/accept", null);
    ApiClient.Response onSite = nurse.post(base + "/on-site", null);
    ApiClient.Response badOutcome =
        nurse.post(base + "/resolve", new JsonObject().put("outcome", "restored"));
    ApiClient.Response falseAlarmUnexplained =
        nurse.post(base + "/resolve", new JsonObject().put("outcome", "false_alarm"));
    ApiClient.Response noAccessUnexplained =
        nurse.post(
            base + "/resolve", new JsonObject().put("outcome", "no_access").put("note", "  "));
    ApiClient.Response noOutcome =
        nurse.post(base + "/resolve", new JsonObject().put("note", "done"));
    ApiClient.Response resolved =
        nurse.post(
            base + "/resolve",
            new JsonObject().put("outcome", "assisted").put("note", "helped back to bed"));
    ApiClient.Response emptyNote = nurse.post(base + "/notes", new JsonObject().put("note", " "));
    ApiClient.Response noted =
        nurse.post(base + "/notes", new JsonObject().put("note", "family informed"));

    // then
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.json().getString("state")).isEqualTo("accepted");
    assertThat(accepted.json().getInteger("stationId")).isEqualTo(stationA);
    assertThat(again.status()).isEqualTo(409);
    assertThat(onSite.json().getString("state")).isEqualTo("on_site");
    assertThat(badOutcome.status()).isEqualTo(400);
    assertThat(falseAlarmUnexplained.status()).isEqualTo(400);
    assertThat(falseAlarmUnexplained.json().getString("detail")).contains("note");
    assertThat(noAccessUnexplained.status()).isEqualTo(400);
    assertThat(noOutcome.status()).isEqualTo(400);
    assertThat(resolved.status()).isEqualTo(200);
    assertThat(resolved.json().getString("outcome")).isEqualTo("assisted");
    assertThat(resolved.json().getString("closedAt")).isNotNull();
    assertThat(emptyNote.status()).isEqualTo(400);
    assertThat(noted.status()).isEqualTo(200);
    // each action left exactly one record of who did it: its alert_event row, which alerting
    // wrote in the transaction that made the change (decision 0020); no staff_audit row beside it
    DataSource db = dashboard.node().dataSource();
    assertThat(
            Sql.text(
                db,
                "SELECT string_agg(action, ',' ORDER BY id) FROM alert_event WHERE alert_id = "
                    + id
                    + " AND actor = '"
                    + user.login()
                    + "'"))
        .isEqualTo("accepted,on_site,resolved:assisted,note");
    assertThat(Sql.count(db, "SELECT count(*) FROM staff_audit WHERE target = 'alert/" + id + "'"))
        .isZero();
    assertThat(
            Sql.count(
                db,
                "SELECT count(*) FROM alert a JOIN alert_event e ON e.alert_id = a.id"
                    + " WHERE a.id = "
                    + id
                    + " AND e.action = 'resolved:assisted' AND e.xmin = a.xmin"
                    + " AND e.at = a.closed_at"))
        .as("the resolve and its record: one transaction")
        .isOne();
    JsonArray trail = nurse.get(base).json().getJsonArray("audit");
    List<String> actions = new ArrayList<>();
    for (int i = 0; i < trail.size(); i++) {
      if (user.login().equals(trail.getJsonObject(i).getString("actor"))) {
        actions.add(trail.getJsonObject(i).getString("action"));
      }
    }
    assertThat(actions).containsExactly("accepted", "on_site", "resolved:assisted", "note");
  }

  @Test
  void programmeStaffReadEveryAlertButMayNotAct() throws SQLException {
    // given
    long atA = alert("high", "notified", 1, stationA);
    long atB = alert("high", "notified", 2, stationB);
    ContractClient programme = signedIn(staff.programmeAdmin());

    // then
    assertThat(ids(programme.get("/alerts"))).containsExactly(atA, atB);
    assertThat(programme.post("/alerts/" + atA + "/accept", null).status()).isEqualTo(403);
    assertThat(
            programme
                .post("/alerts/" + atA + "/notes", new JsonObject().put("note", "seen"))
                .status())
        .isEqualTo(403);
    assertThat(audited("accepted")).isZero();
  }

  @Test
  void detailCarriesRoutingVitalsAndTrail() throws SQLException {
    // given
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    int resident = registry.resident("Wang Fang");
    int bed = registry.device("bed-" + System.nanoTime(), DeviceKind.CARE_BED, resident).key();
    long id = seeds.alert(resident, "vital_limit", "high", "notified", now.minusSeconds(200));
    seeds.route(id, stationA, 0, now.minusSeconds(200));
    seeds.route(id, stationB, 1, now.minusSeconds(20));
    seeds.event(id, now.minusSeconds(200), "system", "raised", null);
    seeds.reading(bed, Metric.HR, 134, now.minusSeconds(30));
    ContractClient district = signedIn(staff.districtAdmin());

    // when
    JsonObject detail = district.get("/alerts/" + id).json();

    // then
    assertThat(detail.getJsonObject("resident").getString("name")).isEqualTo("Wang Fang");
    assertThat(detail.getJsonArray("stations").size()).isEqualTo(2);
    assertThat(detail.getJsonArray("latestVitals").getJsonObject(0).getDouble("value"))
        .isEqualTo(134.0);
    assertThat(detail.getJsonArray("audit").getJsonObject(0).getString("action"))
        .isEqualTo("raised");
    assertThat(district.get("/alerts/99999").status()).isEqualTo(404);
  }
}

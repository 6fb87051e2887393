package org.caregrid.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.report.Targets;
import org.caregrid.dashboard.testing.AlertSeeds;
import org.caregrid.dashboard.testing.ApiClient;
import org.caregrid.dashboard.testing.ApiContract;
import org.caregrid.dashboard.testing.ContractClient;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.dashboard.testing.TestDashboard;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tier views over HTTP: figures roll up community → street → district, drill down by unit, and
 * every user sees only the units under their station, in the report and the queue alike.
 */
class TiersApiIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);
  private static final Instant NOON = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
  private static final String RANGE = "from=" + DAY + "&to=" + DAY;

  private static ApiContract contract;
  private static TestDashboard dashboard;
  private static StaffFixture staff;
  private static int street1;
  private static int c12;

  @BeforeAll
  static void start() throws SQLException {
    contract = ApiContract.load();
    dashboard = TestDashboard.start();
    RegistryFixture registry = new RegistryFixture(dashboard.node().dataSource());
    staff = new StaffFixture(dashboard.node().dataSource());
    int district = registry.station("D", "district", 0, 40.6, 109.9, 20);
    street1 = registry.station("S1", "street", district, 40.63, 109.92, 10);
    int street2 = registry.station("S2", "street", district, 40.57, 109.86, 10);
    registry.station("C11", "community", street1, 40.64, 109.93, 5);
    c12 = registry.station("C12", "community", street1, 40.62, 109.91, 5);
    registry.station("C21", "community", street2, 40.56, 109.85, 5);
    AlertSeeds seeds = new AlertSeeds(dashboard.node().dataSource());
    // C11: two alerts accepted after 30 s and 90 s, the first with staff on site after 10 min.
    int r11 = registry.resident("C11 resident", 40.641, 109.931);
    long a = accepted(seeds, r11, "sos", NOON, 30);
    onSite(a, NOON.plusSeconds(600));
    accepted(seeds, r11, "fall", NOON.plusSeconds(3600), 90);
    // C12: one open critical alert, still waiting.
    int r12 = registry.resident("C12 resident", 40.621, 109.911);
    long open = seeds.alert(r12, "sos", "critical", "notified", Instant.now().minusSeconds(20));
    seeds.route(open, c12, 0, Instant.now().minusSeconds(20));
    // C21 (another street): one alert accepted after 200 s, and an open one.
    int r21 = registry.resident("C21 resident", 40.561, 109.851);
    accepted(seeds, r21, "sos", NOON, 200);
    seeds.alert(r21, "fall", "high", "accepted", Instant.now().minusSeconds(60));
  }

  private static long accepted(AlertSeeds seeds, int resident, String kind, Instant at, int after)
      throws SQLException {
    long id = seeds.alert(resident, kind, "critical", "resolved", at);
    Sql.execute(
        dashboard.node().dataSource(),
        "UPDATE alert SET accepted_at = raised_at + interval '"
            + after
            + " seconds' WHERE id = "
            + id);
    return id;
  }

  private static void onSite(long alert, Instant at) throws SQLException {
    Sql.execute(
        dashboard.node().dataSource(),
        "UPDATE alert SET on_site_at = '" + at + "' WHERE id = " + alert);
  }

  @AfterAll
  static void stop() {
    dashboard.close();
  }

  private static ContractClient signedIn(StaffFixture.User user) {
    ContractClient client = new ContractClient(dashboard.client(), contract);
    assertThat(client.login(user).status()).isEqualTo(200);
    return client;
  }

  private static List<String> codes(JsonArray units) {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      codes.add(units.getJsonObject(i).getString("code"));
    }
    return codes;
  }

  @Test
  void theDistrictSeesItsStreetsAndTheirFiguresRollUp() throws SQLException {
    ContractClient admin = signedIn(staff.districtAdmin());

    JsonObject report = admin.get("/reports/tiers?" + RANGE).json();

    assertThat(report.getJsonObject("unit").getString("code")).isEqualTo("D");
    assertThat(codes(report.getJsonArray("children"))).containsExactly("S1", "S2");
    JsonObject accept = report.getJsonObject("unit").getJsonObject("timeToAccept");
    assertThat(accept.getLong("n")).isEqualTo(3);
    assertThat(accept.getDouble("p50Seconds")).isEqualTo(90.0);
    assertThat(accept.getDouble("within60sPct")).isEqualTo(33.33);
    assertThat(accept.getDouble("within180sPct")).isEqualTo(66.67);
    JsonObject s1 = report.getJsonArray("children").getJsonObject(0);
    assertThat(s1.getJsonObject("timeToAccept").getLong("n")).isEqualTo(2);
    assertThat(s1.getJsonObject("timeToAccept").getDouble("within180sPct")).isEqualTo(100.0);
    assertThat(s1.getJsonObject("alertsByKind").getLong("sos")).isEqualTo(1);
    assertThat(s1.getJsonObject("alertsByKind").getLong("fall")).isEqualTo(1);
    assertThat(s1.getJsonObject("arrival").getLong("n")).isEqualTo(1);
    assertThat(s1.getJsonObject("arrival").getDouble("within15minPct")).isEqualTo(100.0);
    assertThat(s1.getJsonObject("visitCoverage").getBoolean("recorded")).isFalse();
    // The district's ten beds a year, shared by communities: S1 has two of the three.
    JsonObject beds = report.getJsonObject("unit").getJsonObject("beds");
    assertThat(beds.getDouble("target"))
        .isEqualTo(Math.round(Targets.bedsFor(DAY, DAY) * 100) / 100.0);
    assertThat(beds.getBoolean("targetOwn")).isTrue();
    assertThat(s1.getJsonObject("beds").getBoolean("targetOwn")).isFalse();
  }

  @Test
  void drillingDownFromAStreetShowsItsCommunities() throws SQLException {
    ContractClient admin = signedIn(staff.districtAdmin());

    JsonObject s1 = admin.get("/reports/tiers?" + RANGE + "&unit=S1").json();
    JsonObject c11Report = admin.get("/reports/tiers?" + RANGE + "&unit=C11").json();

    assertThat(codes(s1.getJsonArray("children"))).containsExactly("C11", "C12");
    assertThat(codes(s1.getJsonArray("path"))).containsExactly("D", "S1");
    assertThat(c11Report.getJsonArray("children")).isEmpty();
    assertThat(c11Report.getJsonObject("unit").getJsonObject("timeToAccept").getLong("n"))
        .isEqualTo(2);
    assertThat(codes(c11Report.getJsonArray("path"))).containsExactly("D", "S1", "C11");
  }

  @Test
  void streetCentreStaffSeeTheirOwnCommunitiesAndNoOthers() throws SQLException {
    ContractClient street = signedIn(staff.stationStaff(street1));

    JsonObject own = street.get("/reports/tiers?" + RANGE).json();
    JsonObject queue = street.get("/queue/tiers").json();

    assertThat(own.getJsonObject("unit").getString("code")).isEqualTo("S1");
    assertThat(codes(own.getJsonArray("children"))).containsExactly("C11", "C12");
    assertThat(codes(own.getJsonArray("path"))).containsExactly("S1");
    assertThat(street.get("/reports/tiers?" + RANGE + "&unit=C12").status()).isEqualTo(200);
    assertThat(street.get("/reports/tiers?" + RANGE + "&unit=C21").status()).isEqualTo(404);
    assertThat(street.get("/reports/tiers?" + RANGE + "&unit=S2").status()).isEqualTo(404);
    assertThat(street.get("/reports/tiers?" + RANGE + "&unit=D").status()).isEqualTo(404);
    assertThat(queue.getJsonObject("unit").getLong("open")).isEqualTo(1);
    assertThat(codes(queue.getJsonArray("children"))).containsExactly("C11", "C12");
    assertThat(street.get("/queue/tiers?unit=C21").status()).isEqualTo(404);
    assertThat(street.get("/queue/tiers?unit=S2").status()).isEqualTo(404);
  }

  @Test
  void communityStaffSeeTheirCommunityOnly() throws SQLException {
    ContractClient nurse = signedIn(staff.stationStaff(c12));

    JsonObject queue = nurse.get("/queue/tiers").json();

    assertThat(queue.getJsonObject("unit").getString("code")).isEqualTo("C12");
    assertThat(queue.getJsonObject("unit").getJsonObject("bySeverity").getLong("critical"))
        .isEqualTo(1);
    assertThat(queue.getJsonArray("alerts")).hasSize(1);
    assertThat(queue.getJsonArray("alerts").getJsonObject(0).getString("tier"))
        .isEqualTo("community");
    assertThat(nurse.get("/queue/tiers?unit=C11").status()).isEqualTo(404);
    assertThat(nurse.get("/reports/tiers?" + RANGE + "&unit=S1").status()).isEqualTo(404);
  }

  @Test
  void theQueueCountsOpenAlertsByStandingWhereTheResidentLives() throws SQLException {
    ContractClient admin = signedIn(staff.districtAdmin());

    JsonObject queue = admin.get("/queue/tiers").json();

    JsonObject unit = queue.getJsonObject("unit");
    assertThat(unit.getLong("open")).isEqualTo(2);
    assertThat(unit.getJsonObject("byStanding").getLong("waiting")).isEqualTo(1);
    assertThat(unit.getJsonObject("byStanding").getLong("accepted")).isEqualTo(1);
    assertThat(queue.getJsonArray("alerts")).isEmpty();
    JsonObject c21Queue = admin.get("/queue/tiers?unit=C21").json();
    assertThat(c21Queue.getJsonArray("alerts")).hasSize(1);
    assertThat(c21Queue.getJsonArray("alerts").getJsonObject(0).containsKey("resident")).isFalse();
  }

  /** Signed in without the contract check: these accounts get 403 where staff routes answer. */
  private static ApiClient raw(StaffFixture.User user) {
    ApiClient client = dashboard.client();
    assertThat(client.login(user.login(), user.password()).status()).isEqualTo(200);
    return client;
  }

  @Test
  void aKioskReadsTheTierViewsButNothingElse() throws SQLException {
    StaffFixture.User user = staff.user(StaffRole.KIOSK, street1);
    ContractClient kiosk = signedIn(user);
    ApiClient raw = raw(user);

    assertThat(kiosk.get("/queue/tiers").json().getJsonObject("unit").getString("code"))
        .isEqualTo("S1");
    assertThat(kiosk.get("/queue/tiers?unit=C21").status()).isEqualTo(404);
    for (String path : List.of("/alerts", "/residents", "/stations", "/devices", "/tier/records")) {
      assertThat(raw.get(path).status()).as(path).isEqualTo(403);
    }
    assertThat(raw.post("/alerts/1/accept", new JsonObject()).status()).isEqualTo(403);
  }

  @Test
  void theCityPlatformAccountMayNotReadTheStaffViews() throws SQLException {
    ApiClient city = raw(staff.user(StaffRole.CITY_PLATFORM, null));

    assertThat(city.get("/reports/tiers?" + RANGE).status()).isEqualTo(403);
    assertThat(city.get("/queue/tiers").status()).isEqualTo(403);
    assertThat(city.get("/bigscreen").status()).isEqualTo(403);
    assertThat(city.get("/alerts").status()).isEqualTo(403);
  }

  @Test
  void anUnknownUnitIsNotFound() throws SQLException {
    ContractClient admin = signedIn(staff.districtAdmin());

    assertThat(admin.get("/reports/tiers?" + RANGE + "&unit=NOPE").status()).isEqualTo(404);
    assertThat(admin.get("/reports/tiers?from=2026-11-03&to=2026-11-02").status()).isEqualTo(400);
  }
}

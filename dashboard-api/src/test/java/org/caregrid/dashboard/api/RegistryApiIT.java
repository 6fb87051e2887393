package org.caregrid.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.device.MosquittoPasswordHash;
import org.caregrid.dashboard.query.RegistryRows;
import org.caregrid.dashboard.testing.ApiClient;
import org.caregrid.dashboard.testing.ApiContract;
import org.caregrid.dashboard.testing.ContractClient;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.dashboard.testing.TestDashboard;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The registry's resources over HTTP on the real dashboard, signed in: roles, visibility, status
 * codes and bodies.
 */
@Timeout(90)
class RegistryApiIT {
  private static final ApiContract CONTRACT = ApiContract.load();

  private TestDashboard dashboard;
  private DataSource db;
  private RegistryFixture registry;
  private ContractClient programme;
  private ContractClient district;
  private ContractClient stationStaff;
  private ApiClient districtPlain;
  private int visible;
  private int invisible;

  @BeforeEach
  void setUp() throws Exception {
    dashboard = TestDashboard.start();
    db = dashboard.node().dataSource();
    registry = new RegistryFixture(db);
    RegistryRows rows = new RegistryRows(db);
    int station = registry.station("cs-1", "community", 0, 40.6, 109.9, 5);
    StaffFixture staff = new StaffFixture(db);
    programme = signedIn(staff.programmeAdmin());
    StaffFixture.User districtUser = staff.districtAdmin();
    district = signedIn(districtUser);
    districtPlain = dashboard.client();
    districtPlain.login(districtUser.login(), districtUser.password());
    stationStaff = signedIn(staff.stationStaff(station));
    visible = registry.resident("Wang Fang");
    // Li Na lives in another station's community
    registry.station("cs-2", "community", 0, 41.5, 110.9, 5);
    invisible = registry.resident("Li Na", 41.5, 110.9);
    rows.route(rows.alert(visible, "fall", "notified", Instant.now(), null, null), station);
  }

  @AfterEach
  void tearDown() {
    dashboard.close();
  }

  @Test
  void aProgrammeAdminEnrolsAHomeAResidentAndADeviceWhoseSecretsAreShownOnce() throws Exception {
    ContractClient as = programme;

    ApiClient.Response home =
        as.post(
            "/homes",
            new JsonObject()
                .put("address", "12 Gangtie Road, flat 301")
                .put("community", "Qingshan")
                .put("lat", 40.6571)
                .put("lon", 109.8402));
    assertThat(home.status()).isEqualTo(201);
    int homeId = home.json().getInteger("id");
    assertThat(home.json().getString("timeZone")).isEqualTo("Asia/Shanghai");

    ApiClient.Response resident =
        as.post(
            "/residents",
            new JsonObject()
                .put("homeId", homeId)
                .put("name", "Sun Li")
                .put("birthYear", 1941)
                .put("livesAlone", true)
                .put("carePlan", new JsonObject().put("not_up_by", "09:00")));
    assertThat(resident.status()).isEqualTo(201);
    JsonObject sun = resident.json();
    assertThat(sun.getString("address")).isEqualTo("12 Gangtie Road, flat 301");
    assertThat(sun.getBoolean("livesAlone")).isTrue();
    assertThat(sun.getInteger("openAlerts")).isZero();

    JsonObject bed =
        new JsonObject()
            .put("uid", "bed-sun")
            .put("kind", "care_bed")
            .put("homeId", homeId)
            .put("residentId", sun.getInteger("id"))
            .put("expectedIntervalS", 5);
    ApiClient.Response device = as.post("/devices", bed);
    assertThat(device.status()).isEqualTo(201);
    assertThat(device.header("Cache-Control").orElse(null)).isEqualTo("no-store");
    JsonObject credentials = device.json().getJsonObject("credentials");
    int deviceId = device.json().getJsonObject("device").getInteger("id");
    assertThat(credentials.getString("mqttUsername")).isEqualTo("bed-sun");
    assertThat(credentials.getString("pskIdentity")).isEqualTo("bed-sun");
    assertThat(credentials.getString("pskHex")).matches("[0-9a-f]{32}");
    assertThat(
            MosquittoPasswordHash.verify(
                credentials.getString("mqttPassword"),
                Sql.text(db, "SELECT credential_hash FROM device WHERE id = " + deviceId)))
        .isTrue();
    String sealed =
        Sql.text(db, "SELECT encode(psk_sealed, 'hex') FROM device WHERE id = " + deviceId);
    assertThat(sealed).doesNotContain(credentials.getString("pskHex"));
    assertThat(
            HexFormat.of()
                .formatHex(
                    TestNode.PSKS.open(new DeviceId("bed-sun"), HexFormat.of().parseHex(sealed))))
        .isEqualTo(credentials.getString("pskHex"));

    String later = as.get("/devices/" + deviceId).body();
    assertThat(later).contains("bed-sun").doesNotContain(credentials.getString("mqttPassword"));
    assertThat(as.post("/devices", bed).status()).isEqualTo(409);
    assertThat(Sql.text(db, "SELECT string_agg(action, ',' ORDER BY id) FROM staff_audit"))
        .isEqualTo("home.enrol,resident.enrol,device.enrol");
  }

  @Test
  void eachRoleMayDoOnlyWhatTheRolesTableSays() throws Exception {
    JsonObject plan = new JsonObject().put("carePlan", new JsonObject().put("hr_high", 120));
    ContractClient as = stationStaff;
    assertThat(as.get("/devices").status()).isEqualTo(403);
    assertThat(as.get("/homes").status()).isEqualTo(403);
    assertThat(as.get("/reports/programme?from=2025-01-01&to=2025-01-31").status()).isEqualTo(403);
    assertThat(as.post("/residents", new JsonObject()).status()).isEqualTo(403);
    assertThat(as.put("/residents/" + visible + "/care-plan", plan).status()).isEqualTo(403);
    as = district;
    assertThat(as.put("/residents/" + visible + "/care-plan", plan).status()).isEqualTo(403);
    assertThat(as.get("/devices").status()).isEqualTo(200);
    assertThat(as.get("/reports/programme?from=2025-01-01&to=2025-01-31").status()).isEqualTo(200);
    as = programme;
    ApiClient.Response edited = as.put("/residents/" + visible + "/care-plan", plan);
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.json().getJsonObject("carePlan")).isEqualTo(plan.getJsonObject("carePlan"));
    assertThat(Sql.count(db, "SELECT count(*) FROM staff_audit WHERE action = 'care_plan.update'"))
        .isEqualTo(1);
  }

  @Test
  void stationStaffSeeResidentsRoutedToThemAndNoOthers() throws Exception {
    int bed = registry.device("bed-li", DeviceKind.CARE_BED, invisible).key();
    ContractClient as = stationStaff;

    ApiClient.Response list = as.get("/residents");
    assertThat(list.json().getLong("total")).isEqualTo(1);
    assertThat(as.get("/residents/" + visible).status()).isEqualTo(200);
    for (String path :
        new String[] {
          "/residents/" + invisible,
          "/residents/" + invisible + "/events",
          "/residents/" + invisible + "/alerts",
          "/readings?resident=" + invisible + "&metric=hr",
          "/readings?device=" + bed + "&metric=hr",
          "/residents/999999",
          "/residents/nope"
        }) {
      ApiClient.Response hidden = as.get(path);
      assertThat(hidden.status()).as(path).isEqualTo(404);
      assertThat(hidden.header("Content-Type").orElse(null)).isEqualTo("application/problem+json");
    }
    assertThat(as.get("/residents/" + visible + "/alerts").jsonArray()).hasSize(1);
  }

  @Test
  void badInputIsA400ThatNamesTheField() throws Exception {
    ContractClient as = programme;

    assertThat(
            detail(
                as.put(
                    "/residents/" + visible + "/care-plan",
                    new JsonObject().put("carePlan", new JsonObject().put("hr_high", "fast")))))
        .startsWith("carePlan.hr_high:");
    assertThat(
            detail(as.post("/residents", new JsonObject().put("homeId", 999_999).put("name", "X"))))
        .isEqualTo("homeId: no such home");
    assertThat(detail(as.post("/devices", new JsonObject().put("uid", "bad uid"))))
        .startsWith("uid ");
    assertThat(detail(as.get("/readings?resident=" + visible))).startsWith("metric");
    assertThat(
            detail(
                as.get(
                    "/readings?resident="
                        + visible
                        + "&metric=hr&bucket=raw&from=2025-12-01T00:00:00Z&to=2025-12-04T00:00:00Z")))
        .startsWith("bucket raw");
    assertThat(detail(as.get("/reports/programme?from=2025-02-01&to=2025-01-01")))
        .startsWith("to must be");
    assertThat(detail(as.get("/devices?status=sleeping"))).startsWith("status");
  }

  @Test
  void aChartPicksItsBucketFromTheRange() throws Exception {
    Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    assertThat(bucket(to.minus(1, ChronoUnit.HOURS), to)).isEqualTo("raw");
    assertThat(bucket(to.minus(24, ChronoUnit.HOURS), to)).isEqualTo("1m");
    assertThat(bucket(to.minus(3, ChronoUnit.DAYS), to)).isEqualTo("1h");
  }

  @Test
  void theReportIsCsvWhenAskedForByParameterOrAcceptHeader() throws Exception {
    ContractClient as = district;
    String path = "/reports/programme?from=2025-01-01&to=2025-12-31";

    HttpResponse<String> byHeader =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + dashboard.port() + "/api/v1" + path))
                    .header("Accept", "text/csv")
                    .header("Cookie", ApiClient.COOKIE + "=" + districtPlain.sessionCookie())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(byHeader.statusCode()).isEqualTo(200);
    assertThat(byHeader.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
    // a byte order mark first, for Excel on Chinese Windows
    assertThat(byHeader.body()).startsWith("\uFEFFsection,name,value,target\r\n");
    ApiClient.Response byParameter = as.get(path + "&format=csv");
    ApiClient.Response json = as.get(path);

    assertThat(byParameter.header("Content-Type")).contains("text/csv; charset=utf-8");
    assertThat(byParameter.header("Content-Disposition"))
        .contains("attachment; filename=\"programme-2025-01-01-2025-12-31.csv\"");
    assertThat(byParameter.body())
        .startsWith("\uFEFFsection,name,value,target\r\n")
        .contains("beds,enrolled,0,10.0\r\n");
    assertThat(json.json().getDouble("bedsTarget")).isEqualTo(10.0);
  }

  private String bucket(Instant from, Instant to) {
    ApiClient.Response chart =
        district.get("/readings?resident=" + visible + "&metric=hr&from=" + from + "&to=" + to);
    assertThat(chart.status()).isEqualTo(200);
    return chart.json().getString("bucket");
  }

  private static String detail(ApiClient.Response problem) {
    assertThat(problem.status()).isEqualTo(400);
    return problem.json().getString("detail");
  }

  /** A signed-in client whose every response is held to the OpenAPI document. */
  private ContractClient signedIn(StaffFixture.User user) {
    ContractClient client = new ContractClient(dashboard.client(), CONTRACT);
    assertThat(client.login(user).status()).isEqualTo(200);
    return client;
  }
}

package org.caregrid.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.device.MosquittoPasswordHash;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.auth.TestPrincipals;
import org.caregrid.dashboard.query.RegistryRows;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The registry's resources over HTTP: roles, visibility, status codes and bodies. The user is put
 * on each request directly, as the auth handler does.
 */
@Timeout(60)
class RegistryApiIT {
  private Vertx vertx;
  private TestNode node;
  private HttpServer server;
  private WebClient client;
  private DataSource db;
  private RegistryFixture registry;
  private volatile Principal user;
  private Principal programme;
  private Principal district;
  private Principal stationStaff;
  private int visible;
  private int invisible;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    node = TestNode.start(vertx, TestServices.freshDatabase());
    db = node.dataSource();
    registry = new RegistryFixture(db);
    RegistryRows rows = new RegistryRows(db);
    int station = registry.station("cs-1", "community", 0, 40.6, 109.9, 5);
    programme = rows.staff("prog", StaffRole.PROGRAMME_ADMIN, null);
    district = rows.staff("district", StaffRole.DISTRICT_ADMIN, null);
    stationStaff = rows.staff("staff", StaffRole.STATION_STAFF, station);
    visible = registry.resident("Wang Fang");
    invisible = registry.resident("Li Na");
    rows.route(rows.alert(visible, "fall", "notified", Instant.now(), null, null), station);

    Router root = Router.router(vertx);
    Router api = Router.router(vertx);
    api.route()
        .handler(
            ctx -> {
              TestPrincipals.put(ctx, user);
              ctx.next();
            });
    new RegistryApis(db, node.node().db(), Clock.systemUTC()).mount(api);
    api.route().failureHandler(ApiFailures::handle);
    root.route("/api/v1/*").subRouter(api);
    server = await(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx);
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
    node.close();
  }

  @Test
  void aProgrammeAdminEnrolsAHomeAResidentAndADeviceWhoseSecretsAreShownOnce() throws Exception {
    user = programme;

    HttpResponse<Buffer> home =
        send(
            HttpMethod.POST,
            "/homes",
            new JsonObject()
                .put("address", "12 Gangtie Road, flat 301")
                .put("community", "Qingshan")
                .put("lat", 40.6571)
                .put("lon", 109.8402));
    assertThat(home.statusCode()).isEqualTo(201);
    int homeId = home.bodyAsJsonObject().getInteger("id");
    assertThat(home.bodyAsJsonObject().getString("timeZone")).isEqualTo("Asia/Shanghai");

    HttpResponse<Buffer> resident =
        send(
            HttpMethod.POST,
            "/residents",
            new JsonObject()
                .put("homeId", homeId)
                .put("name", "Sun Li")
                .put("birthYear", 1941)
                .put("livesAlone", true)
                .put("carePlan", new JsonObject().put("not_up_by", "09:00")));
    assertThat(resident.statusCode()).isEqualTo(201);
    JsonObject sun = resident.bodyAsJsonObject();
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
    HttpResponse<Buffer> device = send(HttpMethod.POST, "/devices", bed);
    assertThat(device.statusCode()).isEqualTo(201);
    assertThat(device.getHeader("Cache-Control")).isEqualTo("no-store");
    JsonObject credentials = device.bodyAsJsonObject().getJsonObject("credentials");
    int deviceId = device.bodyAsJsonObject().getJsonObject("device").getInteger("id");
    assertThat(credentials.getString("mqttUsername")).isEqualTo("bed-sun");
    assertThat(credentials.getString("pskIdentity")).isEqualTo("bed-sun");
    assertThat(credentials.getString("pskHex")).matches("[0-9a-f]{32}");
    assertThat(
            MosquittoPasswordHash.verify(
                credentials.getString("mqttPassword"),
                Sql.text(db, "SELECT credential_hash FROM device WHERE id = " + deviceId)))
        .isTrue();
    assertThat(Sql.text(db, "SELECT encode(psk, 'hex') FROM device WHERE id = " + deviceId))
        .isEqualTo(credentials.getString("pskHex"));

    String later = send(HttpMethod.GET, "/devices/" + deviceId, null).bodyAsString();
    assertThat(later).contains("bed-sun").doesNotContain(credentials.getString("mqttPassword"));
    assertThat(send(HttpMethod.POST, "/devices", bed).statusCode()).isEqualTo(409);
    assertThat(Sql.text(db, "SELECT string_agg(action, ',' ORDER BY id) FROM staff_audit"))
        .isEqualTo("home.enrol,resident.enrol,device.enrol");
  }

  @Test
  void eachRoleMayDoOnlyWhatTheRolesTableSays() throws Exception {
    JsonObject plan = new JsonObject().put("carePlan", new JsonObject().put("hr_high", 120));
    user = stationStaff;
    assertThat(send(HttpMethod.GET, "/devices", null).statusCode()).isEqualTo(403);
    assertThat(send(HttpMethod.GET, "/homes", null).statusCode()).isEqualTo(403);
    assertThat(
            send(HttpMethod.GET, "/reports/programme?from=2025-01-01&to=2025-01-31", null)
                .statusCode())
        .isEqualTo(403);
    assertThat(send(HttpMethod.POST, "/residents", new JsonObject()).statusCode()).isEqualTo(403);
    assertThat(send(HttpMethod.PUT, "/residents/" + visible + "/care-plan", plan).statusCode())
        .isEqualTo(403);
    user = district;
    assertThat(send(HttpMethod.PUT, "/residents/" + visible + "/care-plan", plan).statusCode())
        .isEqualTo(403);
    assertThat(send(HttpMethod.GET, "/devices", null).statusCode()).isEqualTo(200);
    assertThat(
            send(HttpMethod.GET, "/reports/programme?from=2025-01-01&to=2025-01-31", null)
                .statusCode())
        .isEqualTo(200);
    user = programme;
    HttpResponse<Buffer> edited =
        send(HttpMethod.PUT, "/residents/" + visible + "/care-plan", plan);
    assertThat(edited.statusCode()).isEqualTo(200);
    assertThat(edited.bodyAsJsonObject().getJsonObject("carePlan"))
        .isEqualTo(plan.getJsonObject("carePlan"));
    assertThat(Sql.count(db, "SELECT count(*) FROM staff_audit WHERE action = 'care_plan.update'"))
        .isEqualTo(1);
  }

  @Test
  void stationStaffSeeResidentsRoutedToThemAndNoOthers() throws Exception {
    int bed = registry.device("bed-li", DeviceKind.CARE_BED, invisible).key();
    user = stationStaff;

    HttpResponse<Buffer> list = send(HttpMethod.GET, "/residents", null);
    assertThat(list.bodyAsJsonObject().getLong("total")).isEqualTo(1);
    assertThat(send(HttpMethod.GET, "/residents/" + visible, null).statusCode()).isEqualTo(200);
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
      HttpResponse<Buffer> hidden = send(HttpMethod.GET, path, null);
      assertThat(hidden.statusCode()).as(path).isEqualTo(404);
      assertThat(hidden.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(send(HttpMethod.GET, "/residents/" + visible + "/alerts", null).bodyAsJsonArray())
        .hasSize(1);
  }

  @Test
  void badInputIsA400ThatNamesTheField() throws Exception {
    user = programme;

    assertThat(
            detail(
                send(
                    HttpMethod.PUT,
                    "/residents/" + visible + "/care-plan",
                    new JsonObject().put("carePlan", new JsonObject().put("hr_high", "fast")))))
        .startsWith("carePlan.hr_high:");
    assertThat(
            detail(
                send(
                    HttpMethod.POST,
                    "/residents",
                    new JsonObject().put("homeId", 999_999).put("name", "X"))))
        .isEqualTo("homeId: no such home");
    assertThat(detail(send(HttpMethod.POST, "/devices", new JsonObject().put("uid", "bad uid"))))
        .startsWith("uid ");
    assertThat(detail(send(HttpMethod.GET, "/readings?resident=" + visible, null)))
        .startsWith("metric");
    assertThat(
            detail(
                send(
                    HttpMethod.GET,
                    "/readings?resident="
                        + visible
                        + "&metric=hr&bucket=raw&from=2025-12-01T00:00:00Z&to=2025-12-04T00:00:00Z",
                    null)))
        .startsWith("bucket raw");
    assertThat(
            detail(send(HttpMethod.GET, "/reports/programme?from=2025-02-01&to=2025-01-01", null)))
        .startsWith("to must be");
    assertThat(detail(send(HttpMethod.GET, "/devices?status=sleeping", null))).startsWith("status");
  }

  @Test
  void aChartPicksItsBucketFromTheRange() throws Exception {
    user = district;
    Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    assertThat(bucket(to.minus(1, ChronoUnit.HOURS), to)).isEqualTo("raw");
    assertThat(bucket(to.minus(24, ChronoUnit.HOURS), to)).isEqualTo("1m");
    assertThat(bucket(to.minus(3, ChronoUnit.DAYS), to)).isEqualTo("1h");
  }

  @Test
  void theReportIsCsvWhenAskedForByParameterOrAcceptHeader() throws Exception {
    user = district;
    String path = "/reports/programme?from=2025-01-01&to=2025-12-31";

    HttpResponse<Buffer> byHeader =
        await(
            client
                .get(server.actualPort(), "127.0.0.1", "/api/v1" + path)
                .putHeader("Accept", "text/csv")
                .send());
    HttpResponse<Buffer> byParameter = send(HttpMethod.GET, path + "&format=csv", null);
    HttpResponse<Buffer> json = send(HttpMethod.GET, path, null);

    for (HttpResponse<Buffer> csv : java.util.List.of(byHeader, byParameter)) {
      assertThat(csv.getHeader("Content-Type")).isEqualTo("text/csv; charset=utf-8");
      assertThat(csv.getHeader("Content-Disposition"))
          .isEqualTo("attachment; filename=\"programme-2025-01-01-2025-12-31.csv\"");
      assertThat(csv.bodyAsString())
          .startsWith("section,name,value,target\r\n")
          .contains("beds,enrolled,0,10.0\r\n");
    }
    assertThat(json.bodyAsJsonObject().getDouble("bedsTarget")).isEqualTo(10.0);
  }

  private String bucket(Instant from, Instant to) {
    HttpResponse<Buffer> chart =
        send(
            HttpMethod.GET,
            "/readings?resident=" + visible + "&metric=hr&from=" + from + "&to=" + to,
            null);
    assertThat(chart.statusCode()).isEqualTo(200);
    return chart.bodyAsJsonObject().getString("bucket");
  }

  private static String detail(HttpResponse<Buffer> problem) {
    assertThat(problem.statusCode()).isEqualTo(400);
    return problem.bodyAsJsonObject().getString("detail");
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, JsonObject body) {
    var request = client.request(method, server.actualPort(), "127.0.0.1", "/api/v1" + path);
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

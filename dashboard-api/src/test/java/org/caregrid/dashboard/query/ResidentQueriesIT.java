package org.caregrid.dashboard.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.reading.Metric;
import org.caregrid.dashboard.api.RegistryJson;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.store.NewResident;
import org.caregrid.dashboard.store.ResidentStore;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Residents as the API reads and writes them, on a real database. */
class ResidentQueriesIT {
  private HikariDataSource db;
  private RegistryFixture registry;
  private RegistryRows rows;
  private ResidentQueries residents;
  private ResidentStore store;
  private int station;
  private int otherStation;
  private int wang;
  private int li;
  private int zhao;

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    db = DataSources.create(database, "resident-queries-it");
    Migrations.migrate(db, database.storage());
    registry = new RegistryFixture(db);
    rows = new RegistryRows(db);
    residents = new ResidentQueries(db, new DeviceQueries(db), new ReadingQueries(db));
    store = new ResidentStore(db, residents);
    station = registry.station("cs-1", "community", 0, 40.6, 109.9, 5);
    otherStation = registry.station("cs-2", "community", 0, 40.7, 109.9, 5);
    wang = registry.resident("Wang Fang");
    li = registry.resident("Li Na");
    zhao = registry.resident("Zhao 100%_Min");
    Instant t = Instant.parse("2025-12-01T08:00:00Z");
    rows.route(rows.alert(wang, "fall", "notified", t, null, null), station);
    rows.route(rows.alert(li, "sos", "resolved", t, t, t), otherStation);
    // Li and Zhao live in the other station's community; Wang's home is the station's own
    Sql.execute(
        db,
        "UPDATE home SET station_id = "
            + otherStation
            + " WHERE id IN (SELECT home_id FROM resident WHERE id IN ("
            + li
            + ", "
            + zhao
            + "))");
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void stationStaffSeeTheirCommunitysResidentsWithoutAnyAlert() throws Exception {
    int sun = registry.resident("Sun Hua");

    assertThat(names(page(station, null, 50, 0))).containsExactly("Sun Hua", "Wang Fang");
    assertThat(residents.isVisible(scope(station), sun)).isTrue();
    assertThat(residents.isVisible(scope(otherStation), sun)).isFalse();
  }

  @Test
  void stationStaffSeeOnlyResidentsWithAnAlertRoutedToTheirStation() throws Exception {
    JsonObject own = page(station, null, 50, 0);
    JsonObject all = page(null, null, 50, 0);

    assertThat(names(own)).containsExactly("Wang Fang");
    assertThat(own.getLong("total")).isEqualTo(1);
    assertThat(names(all)).containsExactly("Li Na", "Wang Fang", "Zhao 100%_Min");
    assertThat(detail(station, li)).isEmpty();
    assertThat(residents.isVisible(scope(station), li)).isFalse();
    assertThat(residents.isVisible(scope(station), wang)).isTrue();
    assertThat(residents.isVisible(scope(null), 999_999)).isFalse();
  }

  @Test
  void searchMatchesNameAddressOrCommunityAndTakesWildcardsLiterally() throws Exception {
    assertThat(names(page(null, "wang", 50, 0))).containsExactly("Wang Fang");
    assertThat(names(page(null, "li na's home", 50, 0))).containsExactly("Li Na");
    assertThat(names(page(null, "100%_", 50, 0))).containsExactly("Zhao 100%_Min");
    assertThat(names(page(null, "%", 50, 0))).containsExactly("Zhao 100%_Min");
    assertThat(page(null, "test community", 50, 0).getLong("total")).isEqualTo(3);
  }

  @Test
  void pagesAreInNameOrderWithTheTotalOfAllMatches() throws Exception {
    JsonObject second = page(null, null, 1, 1);

    assertThat(names(second)).containsExactly("Wang Fang");
    assertThat(second.getLong("total")).isEqualTo(3);
    assertThat(page(null, null, 10, 10).getJsonArray("items")).isEmpty();
    assertThat(page(null, null, 10, 10).getLong("total")).isEqualTo(3);
  }

  @Test
  void theSummaryCountsOpenAlertsOnly() throws Exception {
    JsonObject all = page(null, null, 50, 0);

    assertThat(summary(all, "Wang Fang").getInteger("openAlerts")).isEqualTo(1);
    assertThat(summary(all, "Li Na").getInteger("openAlerts")).isZero();
    assertThat(summary(all, "Li Na").getString("community")).isEqualTo("Test community");
  }

  @Test
  void detailHasTheHomeDevicesWithStatusAndEachVitalsNewestReading() throws Exception {
    Device bed = registry.device("bed-1", DeviceKind.CARE_BED, wang);
    Device monitor = registry.device("vitals-1", DeviceKind.VITALS_MONITOR, wang);
    Sql.execute(
        db,
        "INSERT INTO device_status (device_id, online, last_seen, battery) VALUES ("
            + bed.key()
            + ", true, '2025-12-01T08:00:00Z', 80)");
    Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.HOURS);
    reading(bed, Metric.HR, t, 70);
    reading(monitor, Metric.HR, t.plus(1, ChronoUnit.HOURS), 75);
    reading(bed, Metric.HR, t.minus(1, ChronoUnit.HOURS), 65);
    reading(monitor, Metric.SPO2, t.plus(1, ChronoUnit.HOURS), 96);
    reading(bed, Metric.IN_BED, t.plus(2, ChronoUnit.HOURS), 1);
    // too old to count as the latest
    reading(monitor, Metric.TEMP, t.minus(31, ChronoUnit.DAYS), 36.6);

    JsonObject detail = detail(null, wang).orElseThrow();

    assertThat(detail.getJsonObject("resident").getString("name")).isEqualTo("Wang Fang");
    assertThat(detail.getJsonObject("resident").getJsonObject("carePlan"))
        .isEqualTo(new JsonObject());
    assertThat(detail.getJsonObject("home").getString("timeZone")).isEqualTo("Asia/Shanghai");
    JsonArray devices = detail.getJsonArray("devices");
    assertThat(devices).hasSize(2);
    assertThat(devices.getJsonObject(0).getBoolean("online")).isTrue();
    assertThat(devices.getJsonObject(0).getDouble("battery")).isEqualTo(80.0);
    assertThat(devices.getJsonObject(1).getBoolean("online")).isFalse();
    assertThat(devices.getJsonObject(1).getValue("lastSeen")).isNull();
    assertThat(detail.getJsonArray("latestVitals"))
        .containsExactly(
            new JsonObject()
                .put("metric", "hr")
                .put("value", 75.0)
                .put("unit", "/min")
                .put("at", t.plus(1, ChronoUnit.HOURS).toString())
                .put("expectedEverySeconds", 10),
            new JsonObject()
                .put("metric", "spo2")
                .put("value", 96.0)
                .put("unit", "%")
                .put("at", t.plus(1, ChronoUnit.HOURS).toString())
                .put("expectedEverySeconds", 10));
  }

  @Test
  void enrollingAResidentIsAuditedInTheSameTransaction() throws Exception {
    Principal admin = rows.staff("prog", StaffRole.PROGRAMME_ADMIN, null);
    int home = (int) Sql.count(db, "SELECT home_id FROM resident WHERE id = " + wang);
    NewResident sun =
        new NewResident(
            home, "Sun Li", 1940, true, false, true, new JsonObject().put("hr_high", 120));

    JsonObject created = store.enrol(admin, sun).map(RegistryJson::resident).orElseThrow();
    Optional<JsonObject> nowhere =
        store
            .enrol(
                admin, new NewResident(999_999, "X", null, false, false, false, new JsonObject()))
            .map(RegistryJson::resident);

    assertThat(created.getString("name")).isEqualTo("Sun Li");
    assertThat(created.getInteger("birthYear")).isEqualTo(1940);
    assertThat(created.getBoolean("copdScale2")).isTrue();
    assertThat(created.getJsonObject("carePlan")).isEqualTo(new JsonObject().put("hr_high", 120));
    assertThat(nowhere).isEmpty();
    assertThat(
            Sql.text(
                db,
                "SELECT login || ' ' || action || ' ' || target || ' ' || (detail->>'name')"
                    + " FROM staff_audit"))
        .isEqualTo("prog resident.enrol resident/" + created.getInteger("id") + " Sun Li");
    assertThat(Sql.count(db, "SELECT count(*) FROM staff_audit")).isEqualTo(1);
  }

  @Test
  void aCarePlanIsReplacedWholeAndAudited() throws Exception {
    Principal admin = rows.staff("prog", StaffRole.PROGRAMME_ADMIN, null);
    Sql.execute(db, "UPDATE resident SET care_plan = '{\"hr_low\": 40}' WHERE id = " + wang);
    JsonObject plan = new JsonObject().put("hr_high", 125).put("not_up_by", "09:00");

    JsonObject updated =
        store.replaceCarePlan(admin, wang, plan).map(RegistryJson::resident).orElseThrow();

    assertThat(updated.getJsonObject("carePlan")).isEqualTo(plan);
    assertThat(
            new JsonObject(Sql.text(db, "SELECT care_plan::text FROM resident WHERE id = " + wang)))
        .isEqualTo(plan);
    assertThat(
            new JsonObject(
                Sql.text(
                    db, "SELECT detail::text FROM staff_audit WHERE action = 'care_plan.update'")))
        .isEqualTo(new JsonObject().put("carePlan", plan));
    assertThat(store.replaceCarePlan(admin, 999_999, plan)).isEmpty();
    assertThat(Sql.count(db, "SELECT count(*) FROM staff_audit")).isEqualTo(1);
  }

  @Test
  void eventsAreTheResidentsDevicesInTheRangeNewestFirst() throws Exception {
    Device door = registry.device("door-1", DeviceKind.DOOR_SENSOR, wang);
    Device otherDoor = registry.device("door-2", DeviceKind.DOOR_SENSOR, li);
    event(door, "2025-12-01T07:00:00Z", "door_open");
    event(door, "2025-12-01T08:00:00Z", "door_open");
    event(door, "2025-12-01T10:00:00Z", "door_open");
    event(otherDoor, "2025-12-01T08:30:00Z", "door_open");

    JsonArray events =
        RegistryJson.events(
            residents.events(
                wang,
                Instant.parse("2025-12-01T07:30:00Z"),
                Instant.parse("2025-12-01T10:00:00Z"),
                100));

    assertThat(events)
        .containsExactly(
            new JsonObject()
                .put("at", "2025-12-01T08:00:00Z")
                .put("deviceId", door.key())
                .put("type", "door_open")
                .put("data", new JsonObject().put("room", "hall")));
  }

  @Test
  void alertHistoryIsTheResidentsAlertsNewestFirst() throws Exception {
    rows.alert(wang, "inactivity", "resolved", Instant.parse("2025-11-30T08:00:00Z"), null, null);

    List<AlertView> alerts = residents.alerts(wang, scope(null), 10);

    assertThat(alerts).extracting(AlertView::kind).containsExactly("fall", "inactivity");
    assertThat(residents.alerts(wang, scope(null), 1)).hasSize(1);
  }

  @Test
  void stationStaffSeeOnlyTheResidentsAlertsRoutedToTheirStation() throws Exception {
    long other =
        rows.alert(wang, "sos", "notified", Instant.parse("2025-12-01T09:00:00Z"), null, null);
    rows.route(other, otherStation);

    assertThat(residents.alerts(wang, scope(station), 10))
        .extracting(AlertView::kind)
        .containsExactly("fall");
    assertThat(residents.alerts(wang, scope(otherStation), 10))
        .extracting(AlertView::id)
        .containsExactly(other);
    // nor count the other station's open alerts
    assertThat(summary(page(station, null, 50, 0), "Wang Fang").getInteger("openAlerts"))
        .isEqualTo(1);
    assertThat(
            detail(station, wang).orElseThrow().getJsonObject("resident").getInteger("openAlerts"))
        .isEqualTo(1);
    assertThat(summary(page(null, null, 50, 0), "Wang Fang").getInteger("openAlerts")).isEqualTo(2);
  }

  private void reading(Device d, Metric m, Instant at, double value) throws Exception {
    Sql.execute(
        db,
        "INSERT INTO reading (time, device_id, metric, value) VALUES ('"
            + at
            + "', "
            + d.key()
            + ", "
            + m.dbCode()
            + ", "
            + value
            + ")");
  }

  private void event(Device d, String at, String type) throws Exception {
    Sql.execute(
        db,
        "INSERT INTO device_event (time, device_id, type, data) VALUES ('"
            + at
            + "', "
            + d.key()
            + ", '"
            + type
            + "', '{\"room\": \"hall\"}')");
  }

  private static StationScope scope(Integer station) {
    return station == null ? StationScope.ALL : StationScope.station(station);
  }

  /** The page as the API shows it. */
  private JsonObject page(Integer scope, String q, int limit, int offset) throws Exception {
    return RegistryJson.page(
        residents.page(scope(scope), q, limit, offset), RegistryJson::resident);
  }

  /** The detail as the API shows it. */
  private Optional<JsonObject> detail(Integer scope, int id) throws Exception {
    return residents.detail(scope(scope), id).map(RegistryJson::residentDetail);
  }

  private static List<String> names(JsonObject page) {
    return page.getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("name"))
        .toList();
  }

  private static JsonObject summary(JsonObject page, String name) {
    return page.getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(o -> o.getString("name").equals(name))
        .findFirst()
        .orElseThrow();
  }
}

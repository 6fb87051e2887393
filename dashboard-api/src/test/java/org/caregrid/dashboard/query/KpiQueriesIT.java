package org.caregrid.dashboard.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.reading.Metric;
import org.caregrid.dashboard.report.ProgrammeReport;
import org.caregrid.dashboard.report.ReportCsv;
import org.caregrid.dashboard.visit.Coverage;
import org.caregrid.dashboard.visit.VisitReport;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The programme report's numbers against rows whose answers are worked out by hand. */
class KpiQueriesIT {
  private static final Instant NOW = Instant.parse("2025-12-10T12:00:00Z");
  private static final LocalDate FROM = LocalDate.of(2025, 12, 1);
  private static final LocalDate TO = LocalDate.of(2025, 12, 7);
  private static final VisitReport NO_VISITS = new VisitReport(FROM, TO, List.of(), Coverage.NONE);

  private HikariDataSource db;
  private RegistryFixture registry;
  private RegistryRows rows;
  private KpiQueries kpis;
  private int owner;

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    db = DataSources.create(database, "kpi-queries-it");
    Migrations.migrate(db, database.storage());
    registry = new RegistryFixture(db);
    rows = new RegistryRows(db);
    kpis = new KpiQueries(db, Clock.fixed(NOW, ZoneOffset.UTC));
    owner = registry.resident("Alert Owner");
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void bedsEnrolledInTheRangeAgainstTheProRatedTargetAndDevicesOnlineNow() throws Exception {
    device("bed-0", DeviceKind.CARE_BED, "2025-11-30T23:59:59Z", true, false);
    device("bed-1", DeviceKind.CARE_BED, "2025-12-01T00:00:00Z", true, true);
    device("bed-2", DeviceKind.CARE_BED, "2025-12-07T23:59:59Z", true, true);
    device("bed-9", DeviceKind.CARE_BED, "2025-12-08T00:00:00Z", false, true);
    device("door-0", DeviceKind.DOOR_SENSOR, "2025-12-03T00:00:00Z", true, true);

    ProgrammeReport report = kpis.programme(FROM, TO, 3);
    JsonObject json = report.toJson();

    assertThat(report.bedsEnrolled()).isEqualTo(2);
    assertThat(json.getDouble("bedsTarget")).isEqualTo(0.19); // 10 * 7 / 365
    // the tile's target is whole beds: the programme year's 10
    assertThat(json.getInteger("bedsTargetYears")).isEqualTo(10);
    // bed-0 is online but retired: 3 of the 4 active devices
    assertThat(json.getDouble("devicesOnlinePct")).isEqualTo(75.0);
  }

  @Test
  void alertsByKindAndResponseTimesWithPercentilesAndSharesWithinTheTargets() throws Exception {
    alert("fall", "resolved", "2025-12-02T10:00:00Z", 30, 600);
    alert("sos", "resolved", "2025-12-02T11:00:00Z", 50, 1200);
    alert("fall", "resolved", "2025-12-03T10:00:00Z", 90, null);
    alert("inactivity", "resolved", "2025-12-04T10:00:00Z", 200, 840);
    // closed by itself, never waited for anyone: not a call
    alert("device_offline", "cancelled", "2025-12-05T10:00:00Z", null, null);
    // still waiting at the report's time: 4 days so far
    alert("sos", "notified", "2025-12-06T12:00:00Z", null, null);
    // before the range
    alert("fall", "resolved", "2025-11-30T23:59:59Z", 10, 60);

    ProgrammeReport report = kpis.programme(FROM, TO, 3);
    JsonObject json = report.toJson();

    assertThat(report.alertsByKind())
        .containsExactly(
            entry("device_offline", 1L),
            entry("fall", 2L),
            entry("inactivity", 1L),
            entry("sos", 2L));
    JsonObject accept = json.getJsonObject("timeToAccept");
    // 30, 50, 90, 200, 345600 s
    assertThat(accept.getLong("n")).isEqualTo(5);
    assertThat(accept.getDouble("p50Seconds")).isEqualTo(90.0);
    assertThat(accept.getDouble("p90Seconds")).isCloseTo(200 + 0.6 * (345_600 - 200), within(1e-6));
    assertThat(accept.getDouble("within60sPct")).isEqualTo(40.0);
    assertThat(accept.getDouble("within180sPct")).isEqualTo(60.0);
    assertThat(accept.getDouble("target60sPct")).isEqualTo(97.5);
    assertThat(accept.getDouble("target180sPct")).isEqualTo(99.0);
    JsonObject onSite = json.getJsonObject("timeToOnSite");
    // 600, 840, 1200 s
    assertThat(onSite.getLong("n")).isEqualTo(3);
    assertThat(onSite.getDouble("p50Seconds")).isEqualTo(840.0);
    assertThat(onSite.getDouble("p90Seconds")).isEqualTo(1128.0);
    assertThat(onSite.getDouble("within15minPct")).isEqualTo(66.67);
  }

  @Test
  void noAlertsMeansNoPercentilesRatherThanZeros() throws Exception {
    JsonObject json = kpis.programme(FROM, TO, 3).toJson();

    assertThat(json.getJsonObject("timeToAccept").getLong("n")).isZero();
    assertThat(json.getJsonObject("timeToAccept").getValue("p50Seconds")).isNull();
    assertThat(json.getJsonObject("timeToAccept").getValue("within60sPct")).isNull();
    assertThat(json.getValue("devicesOnlinePct")).isNull();
    assertThat(json.getJsonObject("alertsByKind")).isEmpty();
  }

  @Test
  void residentsAloneWithNoActivityAndNoVisitInTheLastDaysOfTheRange() throws Exception {
    // the window is the 3 days before the range's end, 2025-12-05 to 2025-12-08
    int doorRecently = alone("Door Recently");
    event(
        device("door-1", DeviceKind.DOOR_SENSOR, doorRecently),
        "2025-12-06T09:00:00Z",
        "door_open");
    int doorLongAgo = alone("Door Long Ago");
    event(
        device("door-2", DeviceKind.DOOR_SENSOR, doorLongAgo), "2025-12-01T09:00:00Z", "door_open");
    int nothingStored = alone("Nothing Stored");
    int moving = alone("Moving");
    reading(
        device("motion-1", DeviceKind.MOTION_SENSOR, moving),
        Metric.MOTION,
        "2025-12-06T10:00:00Z",
        1);
    int stillOnlyNoMotion = alone("Still");
    Device stillBed = device("bed-3", DeviceKind.CARE_BED, stillOnlyNoMotion);
    event(stillBed, "2025-12-02T07:00:00Z", "bed_exit");
    reading(
        device("motion-2", DeviceKind.MOTION_SENSOR, stillOnlyNoMotion),
        Metric.MOTION,
        "2025-12-06T10:00:00Z",
        0);
    event(stillBed, "2025-12-06T07:00:00Z", "battery_low");
    int visited = alone("Visited");
    rows.alert(
        visited,
        "inactivity",
        "resolved",
        Instant.parse("2025-12-06T08:00:00Z"),
        null,
        Instant.parse("2025-12-06T08:10:00Z"));
    registry.resident("Not Alone");
    int onlyLater = alone("Only Later");
    event(device("door-3", DeviceKind.DOOR_SENSOR, onlyLater), "2025-12-09T09:00:00Z", "door_open");

    ProgrammeReport report = kpis.programme(FROM, TO, 3);

    assertThat(report.aloneDays()).isEqualTo(3);
    assertThat(report.aloneWithoutActivity())
        .containsExactly(
            new ProgrammeReport.Quiet(nothingStored, "Nothing Stored", null),
            new ProgrammeReport.Quiet(onlyLater, "Only Later", null),
            new ProgrammeReport.Quiet(
                doorLongAgo, "Door Long Ago", Instant.parse("2025-12-01T09:00:00Z")),
            new ProgrammeReport.Quiet(
                stillOnlyNoMotion, "Still", Instant.parse("2025-12-02T07:00:00Z")));
    // never seen is no data yet, not inactive: the API lists them apart
    JsonObject alone = report.toJson().getJsonObject("residentsAloneWithoutActivity");
    assertThat(
            alone.getJsonArray("residents").stream().map(o -> ((JsonObject) o).getString("name")))
        .containsExactly("Door Long Ago", "Still");
    assertThat(
            alone.getJsonArray("noDataYet").stream().map(o -> ((JsonObject) o).getString("name")))
        .containsExactly("Nothing Stored", "Only Later");
    assertThat(kpis.programme(FROM, TO, 7).aloneWithoutActivity())
        .extracting(ProgrammeReport.Quiet::name)
        .containsExactly("Nothing Stored", "Only Later");
  }

  @Test
  void theCsvHasOneIndicatorARowWithItsTarget() throws Exception {
    alert("fall", "resolved", "2025-12-02T10:00:00Z", 30, 600);
    Sql.execute(
        db,
        "UPDATE resident SET lives_alone = true, name = 'Wang, \"Old\" Fang' WHERE id = " + owner);

    String csv = ReportCsv.of(kpis.programme(FROM, TO, 3), NO_VISITS, false);

    assertThat(csv.split("\r\n"))
        .startsWith(
            "\uFEFFsection,name,value,target", "range,from,2025-12-01,", "range,to,2025-12-07,")
        .contains(
            "beds,enrolled,0,0.19",
            "alerts_by_kind,fall,1,",
            "time_to_accept,n,1,",
            "time_to_accept,p50_seconds,30.0,",
            "time_to_accept,within_60s_pct,100.0,97.5",
            "time_to_accept,within_180s_pct,100.0,99.0",
            "time_to_on_site,within_15min_pct,100.0,",
            "alone_without_activity,days,3,",
            "alone_without_activity,\"Wang, \"\"Old\"\" Fang (" + owner + ")\",no data yet,",
            // nobody eligible and nothing due: the rates are empty, not zero
            "visits,eligible,0,",
            "visits,registration_pct,,",
            "visits,coverage_pct,,");
  }

  @Test
  void theChineseCsvHasChineseHeadingsAndAByteOrderMarkForExcel() throws Exception {
    Sql.execute(db, "UPDATE resident SET lives_alone = true WHERE id = " + owner);

    String csv = ReportCsv.of(kpis.programme(FROM, TO, 3), NO_VISITS, true);

    assertThat(csv).startsWith("\uFEFF类别,指标,数值,目标\r\n");
    assertThat(csv).contains("(" + owner + "),暂无数据,");
  }

  private int alone(String name) throws Exception {
    int id = registry.resident(name);
    Sql.execute(db, "UPDATE resident SET lives_alone = true WHERE id = " + id);
    return id;
  }

  private Device device(String uid, DeviceKind kind, int resident) throws Exception {
    return registry.device(uid, kind, resident);
  }

  private Device device(
      String uid, DeviceKind kind, String enrolled, boolean online, boolean active)
      throws Exception {
    Device d = registry.device(uid, kind, owner);
    Sql.execute(
        db,
        "UPDATE device SET enrolled_at = '%s', active = %s WHERE id = %d"
            .formatted(enrolled, active, d.key()));
    Sql.execute(
        db,
        "INSERT INTO device_status (device_id, online) VALUES (" + d.key() + ", " + online + ")");
    return d;
  }

  private void alert(String kind, String state, String raised, Integer acceptS, Integer onSiteS)
      throws Exception {
    Instant t = Instant.parse(raised);
    rows.alert(
        owner,
        kind,
        state,
        t,
        acceptS == null ? null : t.plusSeconds(acceptS),
        onSiteS == null ? null : t.plusSeconds(onSiteS));
  }

  private void event(Device d, String at, String type) throws Exception {
    Sql.execute(
        db,
        "INSERT INTO device_event (time, device_id, type) VALUES ('%s', %d, '%s')"
            .formatted(at, d.key(), type));
  }

  private void reading(Device d, Metric m, String at, double value) throws Exception {
    Sql.execute(
        db,
        "INSERT INTO reading (time, device_id, metric, value) VALUES ('%s', %d, %d, %s)"
            .formatted(at, d.key(), m.dbCode(), value));
  }
}

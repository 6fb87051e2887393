package org.caregrid.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.reading.Metric;
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
 * {@code /api/v1} visits over HTTP as each role, against the default frequencies (high risk every 7
 * days, 2 grace days, 12 h without activity): every response held to the OpenAPI document. Each
 * test has its own community stations, so that one test's visits are not in another's figures.
 */
class VisitsApiIT {
  /** The homes' time zone, whose calendar days the visits count in. */
  private static final ZoneId HOME_ZONE = ZoneId.of("Asia/Shanghai");

  private static ApiContract contract;
  private static TestDashboard dashboard;
  private static DataSource db;
  private static StaffFixture staff;
  private static RegistryFixture registry;
  private static int street;

  @BeforeAll
  static void start() throws SQLException {
    contract = ApiContract.load();
    dashboard = TestDashboard.start();
    db = dashboard.node().dataSource();
    registry = new RegistryFixture(db);
    staff = new StaffFixture(db);
    street = registry.station("S", "street", 0, 40.0, 109.9, 20);
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

  private static LocalDate today() {
    return LocalDate.now(HOME_ZONE);
  }

  private static JsonObject assessment(String category, String risk) {
    return new JsonObject().put("category", category).put("riskLevel", risk);
  }

  private static JsonObject visit(int resident, LocalDate on) {
    return new JsonObject()
        .put("residentId", resident)
        .put("visitedOn", on.toString())
        .put("visitor", "王护士")
        .put("type", "home_visit")
        .put(
            "findings",
            new JsonObject()
                .put("health", "ok")
                .put("safety", "concern")
                .put("home", "ok")
                .put("needs", "ok"))
        .put("followUp", "check the stove knob next week");
  }

  private static long audited(String action, int resident) {
    return Sql.count(
        db,
        "SELECT count(*) FROM staff_audit WHERE action = '"
            + action
            + "' AND target = 'resident/"
            + resident
            + "'");
  }

  private static void planDue(int resident, LocalDate due) throws SQLException {
    Sql.execute(
        db, "UPDATE visit_plan SET next_due = '" + due + "' WHERE resident_id = " + resident);
  }

  private static JsonObject task(ContractClient client, int resident) {
    JsonArray tasks = client.get("/visits/tasks").jsonArray();
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.getJsonObject(i).getInteger("residentId") == resident) {
        return tasks.getJsonObject(i);
      }
    }
    return null;
  }

  @Test
  void anAssessmentLivingAloneMakesAPlanDueTodayAtTheHomesStationAudited() throws SQLException {
    // given
    int station = registry.station("A1", "community", street, 41.0, 109.9, 5);
    int resident = registry.resident("Li", 41.0, 109.9);
    ContractClient nurse = signedIn(staff.stationStaff(station));

    // when
    var assessed =
        nurse.put("/residents/" + resident + "/assessment", assessment("living_alone", "high"));

    // then
    assertThat(assessed.status()).isEqualTo(200);
    assertThat(assessed.json().getInteger("stationId")).isEqualTo(station);
    assertThat(assessed.json().getString("nextDue")).isEqualTo(today().toString());
    assertThat(audited("visit.assess", resident)).isEqualTo(1);
    assertThat(Sql.text(db, "SELECT lives_alone::text FROM resident WHERE id = " + resident))
        .isEqualTo("true");
    JsonObject task = task(nurse, resident);
    assertThat(task).isNotNull();
    assertThat(task.getString("status")).isEqualTo("due");
    assertThat(task.getString("category")).isEqualTo("living_alone");
  }

  @Test
  void categoryOtherDropsThePlanAndItsTask() throws SQLException {
    int station = registry.station("A2", "community", street, 41.2, 109.9, 5);
    int resident = registry.resident("Zhou", 41.2, 109.9);
    ContractClient lead = signedIn(staff.stationLead(station));
    lead.put("/residents/" + resident + "/assessment", assessment("empty_nest", "low"));

    var other = lead.put("/residents/" + resident + "/assessment", assessment("other", "low"));

    assertThat(other.status()).isEqualTo(200);
    assertThat(other.json().getValue("nextDue")).isNull();
    assertThat(task(lead, resident)).isNull();
    assertThat(Sql.count(db, "SELECT count(*) FROM visit_plan WHERE resident_id = " + resident))
        .isZero();
  }

  @Test
  void otherStationsResidentsAreRefusedAndUnseen() throws SQLException {
    // given a resident of station B1 with a plan
    int mine = registry.station("B1", "community", street, 41.4, 109.9, 5);
    int theirs = registry.station("B2", "community", street, 41.6, 109.9, 5);
    int resident = registry.resident("Wu", 41.4, 109.9);
    signedIn(staff.stationStaff(mine))
        .put("/residents/" + resident + "/assessment", assessment("left_behind", "medium"));
    ContractClient other = signedIn(staff.stationStaff(theirs));

    // when / then: staff of B2 can neither assess, nor record, nor see it
    assertThat(
            other
                .put("/residents/" + resident + "/assessment", assessment("other", "low"))
                .status())
        .isEqualTo(404);
    assertThat(other.post("/visits", visit(resident, today())).status()).isEqualTo(404);
    assertThat(other.get("/residents/" + resident + "/visits").status()).isEqualTo(404);
    assertThat(task(other, resident)).isNull();
    JsonObject report = other.get("/reports/visits").json();
    assertThat(report.getValue("district")).isNull();
    assertThat(report.getJsonArray("stations").size()).isEqualTo(1);
    assertThat(report.getJsonArray("stations").getJsonObject(0).getInteger("id")).isEqualTo(theirs);
    assertThat(audited("visit.record", resident)).isZero();
    // district staff see it
    assertThat(task(signedIn(staff.districtAdmin()), resident)).isNotNull();
  }

  @Test
  void badInputIsRefusedWith400AndNothingIsWritten() throws SQLException {
    int station = registry.station("C1", "community", street, 41.8, 109.9, 5);
    int resident = registry.resident("Sun", 41.8, 109.9);
    ContractClient nurse = signedIn(staff.stationStaff(station));
    nurse.put("/residents/" + resident + "/assessment", assessment("living_alone", "high"));
    String path = "/residents/" + resident + "/assessment";

    assertThat(nurse.put(path, assessment("alone", "high")).status()).isEqualTo(400);
    assertThat(nurse.put(path, new JsonObject().put("category", "other")).status()).isEqualTo(400);
    assertThat(nurse.post("/visits", visit(resident, today()).put("type", "letter")).status())
        .isEqualTo(400);
    assertThat(nurse.post("/visits", visit(resident, today()).put("visitedOn", "7/12")).status())
        .isEqualTo(400);
    var future = nurse.post("/visits", visit(resident, today().plusDays(2)));
    assertThat(future.status()).isEqualTo(400);
    assertThat(future.json().getString("detail")).contains("visitedOn");
    JsonObject noNeeds = visit(resident, today());
    noNeeds.getJsonObject("findings").remove("needs");
    assertThat(nurse.post("/visits", noNeeds).status()).isEqualTo(400);
    JsonObject extra = visit(resident, today());
    extra.getJsonObject("findings").put("mood", "ok");
    assertThat(nurse.post("/visits", extra).status()).isEqualTo(400);
    assertThat(nurse.post("/visits", visit(resident, today()).put("visitor", " ")).status())
        .isEqualTo(400);
    assertThat(
            nurse.get("/reports/visits?from=" + today() + "&to=" + today().minusDays(1)).status())
        .isEqualTo(400);
    assertThat(Sql.count(db, "SELECT count(*) FROM visit WHERE resident_id = " + resident))
        .isZero();
    assertThat(audited("visit.assess", resident)).isEqualTo(1);
  }

  @Test
  void aVisitWithinTheGraceDaysIsOnTimeAndMovesTheCoverage() throws SQLException {
    // given one plan missed (due 10 days ago) and one overdue since yesterday, at station D1
    int station = registry.station("D1", "community", street, 42.0, 109.9, 5);
    int missed = registry.resident("Zhao", 42.0, 109.9);
    int overdue = registry.resident("Qian", 42.0, 109.9);
    ContractClient nurse = signedIn(staff.stationStaff(station));
    nurse.put("/residents/" + missed + "/assessment", assessment("living_alone", "high"));
    nurse.put("/residents/" + overdue + "/assessment", assessment("empty_nest", "high"));
    planDue(missed, today().minusDays(10));
    planDue(overdue, today().minusDays(1));
    assertThat(task(nurse, overdue).getString("status")).isEqualTo("overdue");
    JsonObject before =
        nurse.get("/reports/visits").json().getJsonArray("stations").getJsonObject(0);
    assertThat(before.getLong("due")).isEqualTo(1);
    assertThat(before.getDouble("coveragePct")).isEqualTo(0.0);
    assertThat(before.getDouble("registrationPct")).isEqualTo(100.0);

    // when
    var recorded = nurse.post("/visits", visit(overdue, today()));

    // then
    assertThat(recorded.status()).isEqualTo(201);
    assertThat(recorded.json().getBoolean("onTime")).isTrue();
    assertThat(recorded.json().getString("dueOn")).isEqualTo(today().minusDays(1).toString());
    assertThat(recorded.json().getString("nextDue")).isEqualTo(today().plusDays(7).toString());
    assertThat(audited("visit.record", overdue)).isEqualTo(1);
    assertThat(task(nurse, overdue)).isNull();
    JsonObject record = nurse.get("/residents/" + overdue + "/visits").json();
    assertThat(record.getString("category")).isEqualTo("empty_nest");
    assertThat(record.getString("nextDue")).isEqualTo(today().plusDays(7).toString());
    assertThat(record.getJsonArray("visits").size()).isEqualTo(1);
    JsonObject done = record.getJsonArray("visits").getJsonObject(0);
    assertThat(done.getJsonObject("findings").getString("safety")).isEqualTo("concern");
    assertThat(done.getString("followUp")).isEqualTo("check the stove knob next week");
    JsonObject after =
        nurse.get("/reports/visits").json().getJsonArray("stations").getJsonObject(0);
    assertThat(after.getLong("due")).isEqualTo(2);
    assertThat(after.getLong("onTime")).isEqualTo(1);
    assertThat(after.getDouble("coveragePct")).isEqualTo(50.0);
    // the tier views and the big screen read the same figure
    JsonObject tiers =
        signedIn(staff.districtAdmin())
            .get("/reports/tiers?from=" + today().minusDays(29) + "&to=" + today() + "&unit=D1")
            .json();
    assertThat(tiers.getJsonObject("unit").getJsonObject("visitCoverage").getDouble("pct"))
        .isEqualTo(50.0);
    // and so does the programme report's CSV, for the same days
    String csv =
        signedIn(staff.districtAdmin())
            .get("/reports/programme?format=csv&from=" + today().minusDays(29) + "&to=" + today())
            .body();
    assertThat(csv.split("\r\n"))
        .contains(
            "visits_by_station,D1 due,2,",
            "visits_by_station,D1 on_time,1,",
            "visits_by_station,D1 coverage_pct,50.0,",
            "visits_by_station,D1 registration_pct,100.0,");
  }

  @Test
  void aResidentWithoutAPlanCountsAgainstTheRegistrationRate() throws SQLException {
    int station = registry.station("E1", "community", street, 42.2, 109.9, 5);
    int planned = registry.resident("Zheng", 42.2, 109.9);
    int flagged = registry.resident("Feng", 42.2, 109.9);
    Sql.execute(db, "UPDATE resident SET lives_alone = true WHERE id = " + flagged);
    ContractClient nurse = signedIn(staff.stationStaff(station));
    nurse.put("/residents/" + planned + "/assessment", assessment("living_alone", "low"));

    JsonObject row = nurse.get("/reports/visits").json().getJsonArray("stations").getJsonObject(0);

    assertThat(row.getLong("eligible")).isEqualTo(2);
    assertThat(row.getLong("planned")).isEqualTo(1);
    assertThat(row.getLong("unassessed")).isEqualTo(1);
    assertThat(row.getDouble("registrationPct")).isEqualTo(50.0);
  }

  @Test
  void noActivityBringsTheNextVisitForwardUntilActivityReturns() throws SQLException {
    // given a plan due in ten days for a resident whose care bed has been silent for a day,
    // and one for a resident with no monitoring at all
    int station = registry.station("F1", "community", street, 42.4, 109.9, 5);
    int quiet = registry.resident("Chu", 42.4, 109.9);
    int unwatched = registry.resident("Wei", 42.4, 109.9);
    int bed = registry.device("bed-f1", DeviceKind.CARE_BED, quiet).key();
    Sql.execute(db, "UPDATE device SET enrolled_at = now() - interval '2 days' WHERE id = " + bed);
    Sql.execute(
        db,
        "INSERT INTO reading (time, device_id, metric, value) VALUES (now() - interval '24 hours', "
            + bed
            + ", "
            + Metric.IN_BED.dbCode()
            + ", 1)");
    ContractClient nurse = signedIn(staff.stationStaff(station));
    for (int r : new int[] {quiet, unwatched}) {
      nurse.put("/residents/" + r + "/assessment", assessment("living_alone", "low"));
      planDue(r, today().plusDays(10));
    }

    // when / then: the silent one is due today, the unwatched one is not a task
    JsonObject task = task(nurse, quiet);
    assertThat(task).isNotNull();
    assertThat(task.getString("dueOn")).isEqualTo(today().toString());
    assertThat(task.getBoolean("broughtForward")).isTrue();
    assertThat(task(nurse, unwatched)).isNull();

    // when the bed reports presence again, the plan's own day is back
    Sql.execute(
        db,
        "INSERT INTO reading (time, device_id, metric, value) VALUES (now() - interval '1 hour', "
            + bed
            + ", "
            + Metric.IN_BED.dbCode()
            + ", 1)");
    assertThat(task(nurse, quiet)).isNull();
  }
}

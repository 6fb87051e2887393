package org.caregrid.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.caregrid.dashboard.testing.AlertSeeds;
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
 * A station's staff, roster and handover notes over HTTP as each role, with other stations out of
 * reach and bad input refused; every response held to the OpenAPI document.
 */
class ShiftsApiIT {
  private static ApiContract contract;
  private static TestDashboard dashboard;
  private static StaffFixture staff;
  private static AlertSeeds seeds;
  private static RegistryFixture registry;
  private static int stationA;
  private static int stationB;

  @BeforeAll
  static void start() throws SQLException {
    contract = ApiContract.load();
    dashboard = TestDashboard.start();
    registry = new RegistryFixture(dashboard.node().dataSource());
    staff = new StaffFixture(dashboard.node().dataSource());
    seeds = new AlertSeeds(dashboard.node().dataSource());
    int street = registry.station("SS", "street", 0, 40.62, 109.88, 20);
    stationA = registry.station("SA", "community", street, 40.6, 109.9, 5);
    stationB = registry.station("SB", "community", street, 40.7, 109.9, 5);
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

  private static JsonObject staffIds(Object... ids) {
    return new JsonObject().put("staffIds", new JsonArray(List.of(ids)));
  }

  private static long audited(String target) {
    return Sql.count(
        dashboard.node().dataSource(),
        "SELECT count(*) FROM staff_audit WHERE target = '" + target + "'");
  }

  @Test
  void aLeadPutsTheirOwnStaffOnAShiftAndTheStationReadsIt() throws SQLException {
    // given
    StaffFixture.User lead = staff.stationLead(stationA);
    StaffFixture.User nurse = staff.stationStaff(stationA);
    StaffFixture.User other = staff.stationStaff(stationB);
    ContractClient leadClient = signedIn(lead);
    String day = LocalDate.now().plusDays(1).toString();
    String slot = "/stations/" + stationA + "/roster/" + day + "/night";

    // when
    var put = leadClient.put(slot, staffIds(nurse.id(), lead.id()));

    // then
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().getJsonArray("staff").size()).isEqualTo(2);
    assertThat(audited("station/" + stationA + "/roster/" + day + "/night")).isEqualTo(1);
    var roster = signedIn(nurse).get("/stations/" + stationA + "/roster?from=" + day + "&days=2");
    assertThat(roster.status()).isEqualTo(200);
    JsonObject night = roster.json().getJsonArray("slots").getJsonObject(0);
    assertThat(night.getString("shift")).isEqualTo("night");
    assertThat(night.getJsonArray("staff").getJsonObject(0).getString("displayName"))
        .startsWith("Test ");
    assertThat(roster.json().getJsonArray("shifts").getJsonObject(0).getString("starts"))
        .isEqualTo("08:00");
    // someone of another station cannot be put on this one; nothing changes
    var stranger = leadClient.put(slot, staffIds(nurse.id(), other.id()));
    assertThat(stranger.status()).isEqualTo(400);
    assertThat(stranger.json().getString("field")).isEqualTo("staffIds");
    assertThat(audited("station/" + stationA + "/roster/" + day + "/night")).isEqualTo(1);
    // an empty list clears the shift
    assertThat(leadClient.put(slot, staffIds()).json().getJsonArray("staff")).isEmpty();
  }

  @Test
  void onlyLeadsAndDistrictStaffEditAndNobodyReachesAnotherStation() throws SQLException {
    StaffFixture.User leadA = staff.stationLead(stationA);
    StaffFixture.User nurseB = staff.stationStaff(stationB);
    String day = LocalDate.now().toString();
    ContractClient lead = signedIn(leadA);
    ContractClient nurse = signedIn(staff.stationStaff(stationA));
    ContractClient district = signedIn(staff.districtAdmin());
    ContractClient programme = signedIn(staff.programmeAdmin());

    assertThat(nurse.put("/stations/" + stationA + "/roster/" + day + "/day", staffIds()).status())
        .isEqualTo(403);
    assertThat(
            programme.put("/stations/" + stationA + "/roster/" + day + "/day", staffIds()).status())
        .isEqualTo(403);
    assertThat(lead.put("/stations/" + stationB + "/roster/" + day + "/day", staffIds()).status())
        .isEqualTo(404);
    assertThat(lead.get("/stations/" + stationB + "/roster").status()).isEqualTo(404);
    assertThat(lead.get("/stations/" + stationB + "/staff").status()).isEqualTo(404);
    assertThat(lead.get("/stations/" + stationB + "/handovers").status()).isEqualTo(404);
    assertThat(
            district
                .put("/stations/" + stationB + "/roster/" + day + "/day", staffIds(nurseB.id()))
                .status())
        .isEqualTo(200);
    assertThat(district.put("/stations/9999/roster/" + day + "/day", staffIds()).status())
        .isEqualTo(404);
    assertThat(programme.get("/stations/" + stationB + "/roster").status()).isEqualTo(200);
    JsonArray people = lead.get("/stations/" + stationA + "/staff").jsonArray();
    assertThat(people.stream().map(p -> ((JsonObject) p).getString("login")))
        .contains(leadA.login())
        .doesNotContain(nurseB.login());
    assertThat(people.getJsonObject(0).getString("role")).isEqualTo("station_lead");
  }

  @Test
  void badRosterInputIsRefusedWithTheFieldNamed() throws SQLException {
    ContractClient lead = signedIn(staff.stationLead(stationA));
    String base = "/stations/" + stationA + "/roster/";
    String today = LocalDate.now().toString();

    assertThat(lead.put(base + "2026-13-01/day", staffIds()).json().getString("field"))
        .isEqualTo("day");
    assertThat(lead.put(base + LocalDate.now().plusYears(2) + "/day", staffIds()).status())
        .isEqualTo(400);
    assertThat(lead.put(base + today + "/evening", staffIds()).json().getString("field"))
        .isEqualTo("shift");
    assertThat(lead.put(base + today + "/day", new JsonObject()).status()).isEqualTo(400);
    assertThat(lead.put(base + today + "/day", staffIds("x")).status()).isEqualTo(400);
    assertThat(lead.put(base + today + "/day", staffIds(1.5)).status()).isEqualTo(400);
    assertThat(lead.put(base + today + "/day", new JsonObject().put("staffIds", ones(21))).status())
        .isEqualTo(400);
    assertThat(lead.get("/stations/" + stationA + "/roster?from=yesterday").status())
        .isEqualTo(400);
    assertThat(lead.get("/stations/" + stationA + "/roster?days=32").status()).isEqualTo(400);
  }

  private static void visitPlan(int resident, int station, String due) throws SQLException {
    Sql.execute(
        dashboard.node().dataSource(),
        "INSERT INTO needs_assessment (resident_id, category, risk_level) VALUES (%d,"
                .formatted(resident)
            + " 'living_alone', 'high')");
    Sql.execute(
        dashboard.node().dataSource(),
        "INSERT INTO visit_plan (resident_id, station_id, next_due) VALUES (%d, %d, %s)"
            .formatted(resident, station, due));
  }

  private static JsonArray ones(int n) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < n; i++) {
      a.add(1);
    }
    return a;
  }

  @Test
  void theOutgoingShiftWritesAndTheIncomingOneAcknowledges() throws SQLException {
    // given an open alert at the station, and one at another
    int resident = registry.resident("交接 测试");
    Instant raised = Instant.now().minus(20, ChronoUnit.MINUTES);
    long open = seeds.alert(resident, "sos", "critical", "accepted", raised);
    seeds.route(open, stationA, 1, raised);
    int elsewhere = registry.resident("别处 测试");
    long theirs = seeds.alert(elsewhere, "fall", "high", "notified", raised);
    seeds.route(theirs, stationB, 1, raised);
    StaffFixture.User outgoing = staff.stationStaff(stationA);
    StaffFixture.User incoming = staff.stationStaff(stationA);
    ContractClient writer = signedIn(outgoing);
    ContractClient reader = signedIn(incoming);
    String handovers = "/stations/" + stationA + "/handovers";
    // and her visit overdue since yesterday, and one due elsewhere
    visitPlan(resident, stationA, "current_date - 1");
    visitPlan(elsewhere, stationB, "current_date");
    JsonObject draft = writer.get(handovers + "/draft").json();
    assertThat(draft.getJsonArray("openAlerts").size()).isEqualTo(1);
    assertThat(draft.getJsonArray("visitsDue").size()).isEqualTo(1);

    // when
    var written = writer.post(handovers, new JsonObject().put("note", "  王奶奶明早复查血压 "));

    // then
    assertThat(written.status()).isEqualTo(201);
    JsonObject note = written.json();
    long id = note.getLong("id");
    assertThat(note.getString("note")).isEqualTo("王奶奶明早复查血压");
    assertThat(note.getJsonObject("writtenBy").getString("login")).isEqualTo(outgoing.login());
    JsonArray alerts = note.getJsonObject("summary").getJsonArray("openAlerts");
    assertThat(alerts.size()).isEqualTo(1);
    assertThat(alerts.getJsonObject(0).getLong("id")).isEqualTo(open);
    JsonObject visit = note.getJsonObject("summary").getJsonArray("visitsDue").getJsonObject(0);
    assertThat(visit.getInteger("residentId")).isEqualTo(resident);
    assertThat(visit.getBoolean("overdue")).isTrue();
    assertThat(note.getValue("acknowledgedAt")).isNull();
    assertThat(reader.get(handovers + "?pending=true").jsonArray().size()).isEqualTo(1);
    // the writer is not the incoming shift
    assertThat(writer.post(handovers + "/" + id + "/acknowledge", new JsonObject()).status())
        .isEqualTo(409);

    var acknowledged = reader.post(handovers + "/" + id + "/acknowledge", new JsonObject());
    assertThat(acknowledged.status()).isEqualTo(200);
    assertThat(acknowledged.json().getJsonObject("acknowledgedBy").getString("displayName"))
        .isEqualTo("Test " + incoming.login());
    assertThat(reader.post(handovers + "/" + id + "/acknowledge", new JsonObject()).status())
        .isEqualTo(409);
    assertThat(reader.get(handovers + "?pending=true").jsonArray()).isEmpty();
    assertThat(audited("handover/" + id)).isEqualTo(2);
    // the audit keeps counts, not the note's words
    assertThat(
            Sql.count(
                dashboard.node().dataSource(),
                "SELECT count(*) FROM staff_audit WHERE target = 'handover/"
                    + id
                    + "' AND detail::text LIKE '%复查%'"))
        .isZero();
  }

  @Test
  void handoversStayWithTheirStationAndItsOwnStaff() throws SQLException {
    ContractClient writerA = signedIn(staff.stationLead(stationA));
    long id =
        writerA
            .post("/stations/" + stationA + "/handovers", new JsonObject().put("note", ""))
            .json()
            .getLong("id");
    ContractClient nurseB = signedIn(staff.stationStaff(stationB));
    ContractClient district = signedIn(staff.districtAdmin());

    assertThat(
            nurseB
                .post(
                    "/stations/" + stationA + "/handovers/" + id + "/acknowledge", new JsonObject())
                .status())
        .isEqualTo(404);
    assertThat(
            nurseB
                .post(
                    "/stations/" + stationB + "/handovers/" + id + "/acknowledge", new JsonObject())
                .status())
        .isEqualTo(404);
    assertThat(
            district
                .post("/stations/" + stationA + "/handovers", new JsonObject().put("note", "x"))
                .status())
        .isEqualTo(403);
    assertThat(district.get("/stations/" + stationA + "/handovers").jsonArray()).isNotEmpty();
  }

  @Test
  void badHandoverInputIsRefused() throws SQLException {
    ContractClient nurse = signedIn(staff.stationStaff(stationA));
    String handovers = "/stations/" + stationA + "/handovers";

    assertThat(nurse.post(handovers, new JsonObject()).status()).isEqualTo(400);
    assertThat(nurse.post(handovers, new JsonObject().put("note", 7)).status()).isEqualTo(400);
    assertThat(nurse.post(handovers, new JsonObject().put("note", "长".repeat(4001))).status())
        .isEqualTo(400);
    assertThat(nurse.get(handovers + "?pending=maybe").status()).isEqualTo(400);
    assertThat(nurse.get(handovers + "?limit=0").status()).isEqualTo(400);
    assertThat(nurse.post(handovers + "/abc/acknowledge", new JsonObject()).status())
        .isEqualTo(404);
  }

  @Test
  void theAlertsAuditTrailNamesThePerson() throws SQLException {
    StaffFixture.User nurse = staff.stationStaff(stationA);
    int resident = registry.resident("审计 测试");
    Instant raised = Instant.now().minus(5, ChronoUnit.MINUTES);
    long alert = seeds.alert(resident, "fall", "high", "accepted", raised);
    seeds.route(alert, stationA, 1, raised);
    seeds.event(alert, raised.plusSeconds(30), nurse.login(), "accepted", null);

    JsonArray audit = signedIn(nurse).get("/alerts/" + alert).json().getJsonArray("audit");

    JsonObject accepted = audit.getJsonObject(audit.size() - 1);
    assertThat(accepted.getString("actor")).isEqualTo(nurse.login());
    assertThat(accepted.getString("actorName")).isEqualTo("Test " + nurse.login());
  }
}

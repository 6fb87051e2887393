package org.caregrid.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.caregrid.alerting.AlertingConfig;
import org.caregrid.alerting.AlertingRole;
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
 * Contacts, medical summaries, call attempts, the handover card and the door code over HTTP, signed
 * in as each role, with the real alerting tier accepting alerts; every response is held to the
 * OpenAPI document.
 */
class CareApiIT {
  private static final String CODE = "7#2580";
  private static final String DAUGHTER_PHONE = "13900001111";

  private static ApiContract contract;

  private AlertingRole alerting;
  private TestDashboard dashboard;
  private DataSource db;
  private RegistryFixture registry;
  private AlertSeeds seeds;
  private StaffFixture staff;
  private int stationA;
  private int stationB;
  private int resident;
  private long alert;

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
    db = node.dataSource();
    registry = new RegistryFixture(db);
    seeds = new AlertSeeds(db);
    staff = new StaffFixture(db);
    int street = registry.station("S", "street", 0, 40.62, 109.88, 20);
    stationA = registry.station("A", "community", street, 40.6, 109.9, 5);
    stationB = registry.station("B", "community", street, 40.7, 109.9, 5);
    resident = registry.resident("Wang Shulan", 40.6, 109.9);
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(600);
    alert = seeds.alert(resident, "sos", "critical", "notified", t0);
    seeds.route(alert, stationA, 0, t0);
  }

  @AfterEach
  void tearDown() {
    alerting.stop().await();
    dashboard.close();
  }

  private ContractClient signedIn(StaffFixture.User user) {
    ContractClient client = new ContractClient(dashboard.client(), contract);
    assertThat(client.login(user).status()).isEqualTo(200);
    return client;
  }

  private static JsonObject contacts() {
    return new JsonObject()
        .put("phone", "0472 5551234")
        .put(
            "contacts",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("name", "Li Na")
                        .put("relationship", "daughter")
                        .put("phone", DAUGHTER_PHONE)
                        .put("holdsKey", true))
                .add(
                    new JsonObject()
                        .put("name", "Zhou Jun")
                        .put("relationship", "neighbour")
                        .put("phone", "+86 138 0000 2222")));
  }

  private static JsonObject medical() {
    return new JsonObject()
        .put("conditions", "hypertension, type 2 diabetes")
        .put("medicines", "amlodipine 5 mg daily")
        .put("allergies", "penicillin")
        .put("mobility", "walks with a frame")
        .put("preferredHospital", "Baotou Central Hospital")
        .put("keyHolders", "the daughter; the community office")
        .put("keySafeCode", CODE);
  }

  private long count(String sql) {
    return Sql.count(db, sql);
  }

  @Test
  void programmeStaffEditContactsAndSummaryThatOnlyThoseWhoSeeTheResidentRead()
      throws SQLException {
    // given
    ContractClient programme = signedIn(staff.programmeAdmin());
    ContractClient nurseA = signedIn(staff.stationStaff(stationA));
    ContractClient nurseB = signedIn(staff.stationStaff(stationB));
    String base = "/residents/" + resident;

    // when
    ApiClient.Response byNurse = nurseA.put(base + "/contacts", contacts());
    ApiClient.Response saved = programme.put(base + "/contacts", contacts());
    ApiClient.Response summary = programme.put(base + "/medical", medical());
    ApiClient.Response retitled =
        programme.put(base + "/medical", medical().put("conditions", "hypertension").copy());
    JsonObject withoutCode = medical();
    withoutCode.remove("keySafeCode");
    ApiClient.Response kept = programme.put(base + "/medical", withoutCode);

    // then
    assertThat(byNurse.status()).isEqualTo(403);
    assertThat(saved.status()).isEqualTo(200);
    JsonArray list = saved.json().getJsonArray("contacts");
    assertThat(list.getJsonObject(0).getString("name")).isEqualTo("Li Na");
    assertThat(list.getJsonObject(0).getInteger("order")).isEqualTo(1);
    assertThat(list.getJsonObject(1).getInteger("order")).isEqualTo(2);
    assertThat(list.getJsonObject(1).getBoolean("holdsKey")).isFalse();
    assertThat(summary.status()).isEqualTo(200);
    assertThat(retitled.status()).isEqualTo(200);
    assertThat(kept.json().getBoolean("keySafeCodeOnRecord")).isTrue();
    assertThat(summary.body()).doesNotContain(CODE);
    assertThat(
            Sql.text(
                db, "SELECT key_safe_code FROM medical_summary WHERE resident_id = " + resident))
        .isEqualTo(CODE);

    ApiClient.Response readA = nurseA.get(base + "/contacts");
    assertThat(readA.status()).isEqualTo(200);
    assertThat(readA.json().getString("phone")).isEqualTo("0472 5551234");
    assertThat(nurseA.get(base + "/medical").json().getString("allergies")).isEqualTo("penicillin");
    assertThat(nurseA.get(base + "/medical").body()).doesNotContain(CODE);
    assertThat(nurseB.get(base + "/contacts").status()).isEqualTo(404);
    assertThat(nurseB.get(base + "/medical").status()).isEqualTo(404);
    assertThat(programme.get("/residents/999999/contacts").status()).isEqualTo(404);
    assertThat(programme.put("/residents/999999/medical", medical()).status()).isEqualTo(404);

    // audited, naming the fields and counts but never a phone, a name or the code
    assertThat(count("SELECT count(*) FROM staff_audit WHERE action = 'contacts.update'"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM staff_audit WHERE action = 'medical_summary.update'"))
        .isEqualTo(3);
    String audit = Sql.text(db, "SELECT string_agg(detail::text, ' ') FROM staff_audit");
    assertThat(audit).doesNotContain(DAUGHTER_PHONE, "Li Na", CODE, "penicillin");
  }

  @Test
  void badInputIsRefusedWithTheFieldNamedAndNothingWritten() throws SQLException {
    // given
    ContractClient programme = signedIn(staff.programmeAdmin());
    ContractClient nurse = signedIn(staff.stationStaff(stationA));
    String base = "/residents/" + resident;
    JsonObject tooMany = new JsonObject().put("contacts", new JsonArray());
    for (int i = 0; i < CareInput.MAX_CONTACTS + 1; i++) {
      tooMany
          .getJsonArray("contacts")
          .add(
              new JsonObject()
                  .put("name", "C" + i)
                  .put("relationship", "son")
                  .put("phone", "1390000000" + i % 10));
    }

    // when / then
    assertBad(programme.put(base + "/contacts", new JsonObject()), "contacts");
    assertBad(programme.put(base + "/contacts", tooMany), "at most 10");
    JsonObject badPhone = contacts();
    badPhone.getJsonArray("contacts").getJsonObject(1).put("phone", "call me");
    assertBad(programme.put(base + "/contacts", badPhone), "contacts[1].phone");
    JsonObject noName = contacts();
    noName.getJsonArray("contacts").getJsonObject(0).put("name", " ");
    assertBad(programme.put(base + "/contacts", noName), "contacts[0].name");
    assertBad(programme.put(base + "/contacts", contacts().put("phone", 12345)), "phone");
    assertBad(
        programme.put(base + "/medical", medical().put("keySafeCode", "12 34")), "keySafeCode");
    assertBad(
        programme.put(base + "/medical", medical().put("allergies", "x".repeat(2001))),
        "allergies");
    assertBad(programme.put(base + "/medical", medical().put("mobility", 3)), "mobility");
    String calls = "/alerts/" + alert + "/calls";
    JsonObject call =
        new JsonObject()
            .put("callee", "contact")
            .put("phone", DAUGHTER_PHONE)
            .put("outcome", "busy");
    assertBad(nurse.post(calls, call.copy().put("outcome", "hung_up")), "outcome");
    assertBad(nurse.post(calls, call.copy().put("callee", "mother")), "callee");
    assertBad(nurse.post(calls, call.copy().put("phone", "12")), "phone");
    assertBad(nurse.post(calls, call.copy().put("note", "x".repeat(2001))), "note");
    assertThat(count("SELECT count(*) FROM staff_audit")).isZero();
    assertThat(count("SELECT count(*) FROM resident_contact")).isZero();
    assertThat(count("SELECT count(*) FROM medical_summary")).isZero();
    assertThat(count("SELECT count(*) FROM call_attempt")).isZero();
  }

  private static void assertBad(ApiClient.Response r, String mentions) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().getString("detail")).contains(mentions);
  }

  @Test
  void callsGoIntoTheAlertsHistoryAndAreSeenByEveryoneWhoSeesTheAlert() throws SQLException {
    // given
    StaffFixture.User caller = staff.stationStaff(stationA);
    ContractClient nurseA = signedIn(caller);
    ContractClient nurseB = signedIn(staff.stationStaff(stationB));
    ContractClient district = signedIn(staff.districtAdmin());
    ContractClient programme = signedIn(staff.programmeAdmin());
    String calls = "/alerts/" + alert + "/calls";

    // when
    ApiClient.Response first =
        nurseA.post(
            calls,
            new JsonObject()
                .put("callee", "resident")
                .put("phone", "0472 5551234")
                .put("outcome", "no_answer"));
    ApiClient.Response second =
        nurseA.post(
            calls,
            new JsonObject()
                .put("callee", "contact")
                .put("phone", DAUGHTER_PHONE)
                .put("outcome", "answered")
                .put("note", "daughter is on her way with the key"));
    ApiClient.Response fromB =
        nurseB.post(
            calls,
            new JsonObject()
                .put("callee", "contact")
                .put("phone", DAUGHTER_PHONE)
                .put("outcome", "busy"));
    ApiClient.Response fromProgramme =
        programme.post(
            calls,
            new JsonObject()
                .put("callee", "contact")
                .put("phone", DAUGHTER_PHONE)
                .put("outcome", "busy"));

    // then
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(fromB.status()).isEqualTo(404);
    assertThat(fromProgramme.status()).isEqualTo(403);
    JsonArray seen = district.get(calls).jsonArray();
    assertThat(seen).hasSize(2);
    assertThat(seen.getJsonObject(0).getString("outcome")).isEqualTo("no_answer");
    assertThat(seen.getJsonObject(1).getString("by")).isEqualTo(caller.login());
    assertThat(programme.get(calls).jsonArray()).hasSize(2);
    assertThat(nurseB.get(calls).status()).isEqualTo(404);
    JsonArray history = nurseA.get("/alerts/" + alert).json().getJsonArray("audit");
    assertThat(history.stream().map(e -> ((JsonObject) e).getString("action")))
        .contains("call:no_answer", "call:answered");
    // the history travels further than the call log (live stream, reports): no numbers in it
    assertThat(
            Sql.text(
                db,
                "SELECT string_agg(coalesce(params::text, '') || coalesce(note, ''),"
                    + " ' ') FROM alert_event WHERE alert_id = "
                    + alert))
        .doesNotContain(DAUGHTER_PHONE, "5551234");
  }

  @Test
  void aClosedAlertTakesNoMoreCalls() throws SQLException {
    // given
    long closed =
        seeds.alert(resident, "fall", "high", "resolved", Instant.now().minusSeconds(3600));
    seeds.route(closed, stationA, 0, Instant.now().minusSeconds(3600));
    ContractClient nurse = signedIn(staff.stationStaff(stationA));

    // when
    ApiClient.Response late =
        nurse.post(
            "/alerts/" + closed + "/calls",
            new JsonObject()
                .put("callee", "resident")
                .put("phone", "0472 5551234")
                .put("outcome", "answered"));

    // then
    assertThat(late.status()).isEqualTo(409);
    assertThat(count("SELECT count(*) FROM call_attempt")).isZero();
  }

  @Test
  void theDoorCodeIsShownOnlyAfterAcceptAndEachShowingIsAudited() throws SQLException {
    // given
    ContractClient programme = signedIn(staff.programmeAdmin());
    assertThat(programme.put("/residents/" + resident + "/medical", medical()).status())
        .isEqualTo(200);
    ContractClient nurseA = signedIn(staff.stationStaff(stationA));
    ContractClient nurseB = signedIn(staff.stationStaff(stationB));
    ContractClient district = signedIn(staff.districtAdmin());
    String base = "/alerts/" + alert;
    long auditsBefore = count("SELECT count(*) FROM staff_audit");

    // when: before accept
    ApiClient.Response cardBefore = nurseA.get(base + "/handover");
    ApiClient.Response early = nurseA.post(base + "/door-code", null);

    // then
    assertThat(cardBefore.status()).isEqualTo(200);
    assertThat(cardBefore.json().getBoolean("mayShowDoorCode")).isFalse();
    assertThat(cardBefore.json().getJsonObject("medical").getString("allergies"))
        .isEqualTo("penicillin");
    assertThat(cardBefore.body()).doesNotContain(CODE);
    assertThat(early.status()).isEqualTo(403);
    assertThat(early.body()).doesNotContain(CODE);
    assertThat(count("SELECT count(*) FROM staff_audit")).isEqualTo(auditsBefore);

    // when: station A accepts
    assertThat(nurseA.post(base + "/accept", null).status()).isEqualTo(200);
    ApiClient.Response card = nurseA.get(base + "/handover");
    ApiClient.Response shown = nurseA.post(base + "/door-code", null);
    ApiClient.Response again = nurseA.post(base + "/door-code", null);

    // then
    assertThat(card.json().getBoolean("mayShowDoorCode")).isTrue();
    assertThat(card.body()).doesNotContain(CODE);
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.json().getString("code")).isEqualTo(CODE);
    assertThat(again.json().getString("code")).isEqualTo(CODE);
    assertThat(
            count(
                "SELECT count(*) FROM staff_audit WHERE action = 'door_code.shown' AND target = '"
                    + "alert/"
                    + alert
                    + "' AND detail::text NOT LIKE '%"
                    + CODE
                    + "%'"))
        .isEqualTo(2);
    // not responding: another station, or district staff who did not accept it themselves
    assertThat(nurseB.post(base + "/door-code", null).status()).isEqualTo(404);
    assertThat(district.post(base + "/door-code", null).status()).isEqualTo(403);
    assertThat(programme.post(base + "/door-code", null).status()).isEqualTo(403);
    assertThat(district.get(base + "/handover").json().getBoolean("mayShowDoorCode")).isFalse();
    assertThat(count("SELECT count(*) FROM staff_audit WHERE action = 'door_code.shown'"))
        .isEqualTo(2);
  }
}

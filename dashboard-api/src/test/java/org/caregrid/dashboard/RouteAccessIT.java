package org.caregrid.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.caregrid.dashboard.RouteAccessIT.Outcome.ALLOWED;
import static org.caregrid.dashboard.RouteAccessIT.Outcome.FORBIDDEN;
import static org.caregrid.dashboard.RouteAccessIT.Outcome.INVISIBLE;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.assertj.core.api.SoftAssertions;
import org.caregrid.alerting.AlertingConfig;
import org.caregrid.alerting.AlertingRole;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.dashboard.testing.AlertSeeds;
import org.caregrid.dashboard.testing.ApiClient;
import org.caregrid.dashboard.testing.ApiContract;
import org.caregrid.dashboard.testing.ContractClient;
import org.caregrid.dashboard.testing.SseRecorder;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.dashboard.testing.TestDashboard;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every documented route, called by every role of station A, of station B, of the district and of
 * the programme, by someone not signed in and by a signed-in browser that lost its CSRF token, on
 * station A's objects. What each may do is the table below (the contract's Roles table); a route
 * the document gains without a row here fails the test, so no route ships without an access rule.
 *
 * <p>A refusal is problem JSON that names nothing of A's (resident, address, alert detail,
 * station); a refused write changes no row and audits nothing; an allowed write leaves one record
 * naming the user, the action and the target: a {@code staff_audit} row, or for an action on an
 * alert its {@code alert_event} row alone (docs/decisions/0020). Station B's users see nothing of
 * A's, even in lists they may read. Every response is held to the OpenAPI document.
 */
@Timeout(180)
class RouteAccessIT {
  /** What a signed-in caller may do with a route on station A's objects. */
  enum Outcome {
    ALLOWED,
    /** 403: the role may not, whatever the object. */
    FORBIDDEN,
    /** 404: the object does not exist for this user. */
    INVISIBLE
  }

  /** The callers; the first six by role, in the table's column order. */
  enum Caller {
    STAFF_A,
    LEAD_A,
    STAFF_B,
    LEAD_B,
    DISTRICT,
    PROGRAMME,
    /** Not signed in: 401 except on the two public routes. */
    ANONYMOUS,
    /** A district admin whose writes lack the X-CSRF-Token header: 403 on every write. */
    NO_CSRF;

    boolean ofStationB() {
      return this == STAFF_B || this == LEAD_B;
    }
  }

  /**
   * One row of the table: the route's request on A's objects, its success status, the audit action
   * an allowed call writes (staff_audit, or alert_event for an action on an alert; null: not a data
   * write) and the outcome per role, in the order of {@link Caller}'s first six.
   */
  record Rule(
      Function<World, Call> call,
      int success,
      String audited,
      boolean open,
      List<Outcome> byRole) {}

  /**
   * The contract's Roles table, route by route: ok = allowed (answering the success status and, for
   * a data write, audited as the action), 403 = the role may not, 404 = A's object does not exist
   * for this caller. "public" routes are open to anyone, even not signed in.
   */
  private static final String TABLE_TEXT =
      """
      route                            staffA leadA staffB leadB district programme success audit
      GET /openapi.yaml                public                                       200     -
      POST /session                    public                                       200     -
      GET /session                     ok     ok    ok     ok    ok       ok        200     -
      DELETE /session                  ok     ok    ok     ok    ok       ok        204     -
      GET /alerts                      ok     ok    ok     ok    ok       ok        200     -
      GET /alerts/stream               ok     ok    ok     ok    ok       ok        200     -
      GET /alerts/{id}                 ok     ok    404    404   ok       ok        200     -
      POST /alerts/{id}/accept         ok     ok    404    404   ok       403       200     accepted
      POST /alerts/{id}/on-site        ok     ok    404    404   ok       403       200     on_site
      POST /alerts/{id}/resolve        ok     ok    404    404   ok       403       200     resolved:assisted
      POST /alerts/{id}/notes          ok     ok    404    404   ok       403       200     note
      GET /alerts/{id}/calls           ok     ok    404    404   ok       ok        200     -
      POST /alerts/{id}/calls          ok     ok    404    404   ok       403       201     call:no_answer
      GET /alerts/{id}/handover        ok     ok    404    404   ok       ok        200     -
      POST /alerts/{id}/door-code      ok     ok    404    404   403      403       200     door_code.shown
      GET /stations                    ok     ok    ok     ok    ok       ok        200     -
      PUT /stations/{id}/duty          403    ok    403    404   ok       403       200     station.duty
      GET /stations/{id}/staff         ok     ok    404    404   ok       ok        200     -
      GET /stations/{id}/roster        ok     ok    404    404   ok       ok        200     -
      PUT /stations/{id}/roster/{day}/{shift} 403 ok 403   404   ok       403       200     roster.assign
      GET /stations/{id}/handovers     ok     ok    404    404   ok       ok        200     -
      POST /stations/{id}/handovers    ok     ok    404    404   403      403       201     handover.write
      GET /stations/{id}/handovers/draft ok   ok    404    404   ok       ok        200     -
      POST /stations/{id}/handovers/{handover}/acknowledge ok ok 404 404 403 403    200     handover.acknowledge
      GET /residents                   ok     ok    ok     ok    ok       ok        200     -
      POST /residents                  403    403   403    403   403      ok        201     resident.enrol
      GET /residents/{id}              ok     ok    404    404   ok       ok        200     -
      PUT /residents/{id}/care-plan    403    403   403    403   403      ok        200     care_plan.update
      GET /residents/{id}/contacts     ok     ok    404    404   ok       ok        200     -
      PUT /residents/{id}/contacts     403    403   403    403   403      ok        200     contacts.update
      GET /residents/{id}/medical      ok     ok    404    404   ok       ok        200     -
      PUT /residents/{id}/medical      403    403   403    403   403      ok        200     medical_summary.update
      GET /residents/{id}/events       ok     ok    404    404   ok       ok        200     -
      GET /residents/{id}/alerts       ok     ok    404    404   ok       ok        200     -
      GET /homes                       403    403   403    403   ok       ok        200     -
      POST /homes                      403    403   403    403   403      ok        201     home.enrol
      GET /devices                     403    403   403    403   ok       ok        200     -
      POST /devices                    403    403   403    403   403      ok        201     device.enrol
      GET /devices/{id}                403    403   403    403   ok       ok        200     -
      GET /readings                    ok     ok    404    404   ok       ok        200     -
      GET /reports/programme           403    403   403    403   ok       ok        200     -
      GET /reports/tiers               ok     ok    404    404   ok       ok        200     -
      GET /queue/tiers                 ok     ok    404    404   ok       ok        200     -
      GET /bigscreen                   ok     ok    ok     ok    ok       ok        200     -
      GET /bigscreen/stream            ok     ok    ok     ok    ok       ok        200     -
      GET /tier/units                  403    403   403    403   ok       ok        200     -
      GET /tier/records                403    403   403    403   ok       ok        200     -
      GET /residents/{id}/visits       ok     ok    404    404   ok       ok        200     -
      PUT /residents/{id}/assessment   ok     ok    404    404   ok       ok        200     visit.assess
      GET /visits/tasks                ok     ok    ok     ok    ok       ok        200     -
      POST /visits                     ok     ok    404    404   ok       ok        201     visit.record
      GET /reports/visits              ok     ok    ok     ok    ok       ok        200     -
      """;

  /** Each route's request on station A's objects. */
  private static final Map<String, Function<World, Call>> REQUESTS =
      Map.ofEntries(
          Map.entry("GET /openapi.yaml", w -> Call.get("/openapi.yaml")),
          Map.entry("POST /session", w -> Call.signIn()),
          Map.entry("GET /session", w -> Call.get("/session")),
          Map.entry("DELETE /session", w -> Call.delete("/session")),
          Map.entry("GET /alerts", w -> Call.get("/alerts?state=all")),
          Map.entry("GET /alerts/stream", w -> Call.get("/alerts/stream")),
          Map.entry("GET /alerts/{id}", w -> Call.get("/alerts/" + w.alert)),
          Map.entry("POST /alerts/{id}/accept", w -> w.alertAction("notified", "accept", null)),
          Map.entry("POST /alerts/{id}/on-site", w -> w.alertAction("accepted", "on-site", null)),
          Map.entry(
              "POST /alerts/{id}/resolve",
              w ->
                  w.alertAction("on_site", "resolve", new JsonObject().put("outcome", "assisted"))),
          Map.entry(
              "POST /alerts/{id}/notes",
              w ->
                  w.alertAction(
                      "notified", "notes", new JsonObject().put("note", "called her son"))),
          Map.entry("GET /alerts/{id}/calls", w -> Call.get("/alerts/" + w.alert + "/calls")),
          Map.entry("POST /alerts/{id}/calls", World::newCall),
          Map.entry("GET /alerts/{id}/handover", w -> Call.get("/alerts/" + w.alert + "/handover")),
          Map.entry("POST /alerts/{id}/door-code", World::doorCode),
          Map.entry("GET /stations", w -> Call.get("/stations")),
          Map.entry("PUT /stations/{id}/duty", World::toggleDuty),
          Map.entry(
              "GET /stations/{id}/staff", w -> Call.get("/stations/" + w.stationA + "/staff")),
          Map.entry(
              "GET /stations/{id}/roster", w -> Call.get("/stations/" + w.stationA + "/roster")),
          Map.entry("PUT /stations/{id}/roster/{day}/{shift}", World::toggleRoster),
          Map.entry(
              "GET /stations/{id}/handovers",
              w -> Call.get("/stations/" + w.stationA + "/handovers")),
          Map.entry("POST /stations/{id}/handovers", World::newHandover),
          Map.entry(
              "GET /stations/{id}/handovers/draft",
              w -> Call.get("/stations/" + w.stationA + "/handovers/draft")),
          Map.entry(
              "POST /stations/{id}/handovers/{handover}/acknowledge", World::acknowledgeHandover),
          Map.entry("GET /residents", w -> Call.get("/residents")),
          Map.entry("POST /residents", World::newResident),
          Map.entry("GET /residents/{id}", w -> Call.get("/residents/" + w.resident)),
          Map.entry("PUT /residents/{id}/care-plan", World::newCarePlan),
          Map.entry(
              "GET /residents/{id}/contacts",
              w -> Call.get("/residents/" + w.resident + "/contacts")),
          Map.entry("PUT /residents/{id}/contacts", World::newContacts),
          Map.entry(
              "GET /residents/{id}/medical",
              w -> Call.get("/residents/" + w.resident + "/medical")),
          Map.entry("PUT /residents/{id}/medical", World::newMedical),
          Map.entry(
              "GET /residents/{id}/events", w -> Call.get("/residents/" + w.resident + "/events")),
          Map.entry(
              "GET /residents/{id}/alerts", w -> Call.get("/residents/" + w.resident + "/alerts")),
          Map.entry("GET /homes", w -> Call.get("/homes")),
          Map.entry("POST /homes", World::newHome),
          Map.entry("GET /devices", w -> Call.get("/devices")),
          Map.entry("POST /devices", World::newDevice),
          Map.entry("GET /devices/{id}", w -> Call.get("/devices/" + w.device)),
          Map.entry("GET /readings", w -> Call.get("/readings?metric=hr&resident=" + w.resident)),
          Map.entry(
              "GET /reports/programme",
              w -> Call.get("/reports/programme?from=2026-01-01&to=2026-12-31")),
          Map.entry(
              "GET /reports/tiers",
              w -> Call.get("/reports/tiers?from=2026-01-01&to=2026-12-31&unit=cs-north-a")),
          Map.entry("GET /queue/tiers", w -> Call.get("/queue/tiers?unit=cs-north-a")),
          Map.entry("GET /bigscreen", w -> Call.get("/bigscreen")),
          Map.entry("GET /bigscreen/stream", w -> Call.get("/bigscreen/stream")),
          Map.entry("GET /tier/units", w -> Call.get("/tier/units")),
          Map.entry("GET /tier/records", w -> Call.get("/tier/records")),
          Map.entry(
              "GET /residents/{id}/visits", w -> Call.get("/residents/" + w.resident + "/visits")),
          Map.entry("PUT /residents/{id}/assessment", World::newAssessment),
          Map.entry("GET /visits/tasks", w -> Call.get("/visits/tasks")),
          Map.entry("POST /visits", World::newVisit),
          Map.entry("GET /reports/visits", w -> Call.get("/reports/visits")));

  private static final Map<String, Rule> TABLE = parse(TABLE_TEXT);

  private static ApiContract contract;
  private static AlertingRole alerting;
  private static TestDashboard dashboard;
  private static World world;

  @BeforeAll
  static void start() throws SQLException {
    contract = ApiContract.load();
    Vertx vertx = Vertx.vertx();
    TestNode node = TestNode.start(vertx, TestServices.freshDatabase());
    // Alert actions are carried out by alerting, as in production.
    alerting =
        new AlertingRole(
            node.node(), TestServices.broker(), AlertingConfig.defaults(), Clock.systemUTC());
    alerting.start().await();
    dashboard = TestDashboard.on(vertx, node, TestDashboard.AUTH);
    world = new World(node.dataSource());
  }

  @AfterAll
  static void stop() {
    alerting.stop().await();
    dashboard.close();
  }

  @Test
  void everyDocumentedRouteHasAnAccessRule() {
    assertThat(contract.operations())
        .as("routes in the OpenAPI document; add a row to TABLE for each new one")
        .containsExactlyInAnyOrderElementsOf(TABLE.keySet());
  }

  @Test
  void everyCallerGetsWhatTheTableSaysAndNothingOfStationA() {
    SoftAssertions softly = new SoftAssertions();
    for (String operation : contract.operations()) {
      Rule rule = TABLE.get(operation);
      assertThat(rule).as("access rule for %s", operation).isNotNull();
      for (Caller caller : Caller.values()) {
        walk(softly, operation, rule, caller);
      }
    }
    softly.assertAll();
  }

  /** Station B's staff never see A's objects in what they may list, however they filter. */
  @Test
  void listsOfStationBHoldNothingOfStationA() {
    for (Caller caller : List.of(Caller.STAFF_B, Caller.LEAD_B)) {
      Session b = world.open(caller);
      for (String path :
          List.of(
              "/alerts?state=all",
              "/alerts?state=all&station=" + world.stationA,
              "/stations",
              "/residents",
              "/residents?q=" + world.residentName.split(" ")[0],
              "/residents/" + world.shared,
              "/residents/" + world.shared + "/alerts")) {
        ApiClient.Response r = b.client.get(path);
        assertThat(r.status()).as("%s %s", caller, path).isEqualTo(200);
        world.assertNothingOfA(r.body(), caller + " GET " + path);
      }
    }
  }

  /**
   * B's live stream, replayed from the start, carries none of A's alert changes: an action on A's
   * alert goes out before one on B's, so once B's arrives A's would have.
   */
  @Test
  void stationBsLiveStreamCarriesNothingOfStationA() throws SQLException {
    Session leadB = world.open(Caller.LEAD_B);
    try (SseRecorder live =
        SseRecorder.open(
            dashboard.vertx(),
            dashboard.port(),
            leadB.raw().sessionCookie(),
            "/alerts/stream",
            "0")) {
      assertThat(live.status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(live::connected);

      Call atA = world.alertAction("notified", "accept", null);
      assertThat(world.send(Caller.STAFF_A, atA).status()).isEqualTo(200);
      long atB =
          world.alertAt(
              world.registry.resident("Qian Xiuying", 40.7, 109.9),
              world.stationB,
              "sos",
              "notified",
              "pressed the pendant");
      assertThat(leadB.client().post("/alerts/" + atB + "/accept", null).status()).isEqualTo(200);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> live.events().stream().anyMatch(e -> e.json().getLong("id") == atB));
      for (SseRecorder.Event e : live.events()) {
        world.assertNothingOfA(e.data(), "LEAD_B's live stream");
      }
    }
  }

  private static void walk(SoftAssertions softly, String operation, Rule rule, Caller caller) {
    Call call = rule.call().apply(world);
    Outcome outcome = expected(operation, rule, caller);
    int status =
        outcome == null
            ? 401
            : switch (outcome) {
              case ALLOWED -> rule.success();
              case FORBIDDEN -> 403;
              case INVISIBLE -> 404;
            };
    String where = caller + " " + operation + " (" + call.path + ")";
    boolean write = !call.method.equals("GET");
    String before = write && call.state != null ? world.state(call.state) : null;
    long auditsBefore = world.audits();

    ApiClient.Response r = world.send(caller, call);

    softly.assertThat(r.status()).as(where).isEqualTo(status);
    if (r.status() != status) {
      return;
    }
    if (status >= 400) {
      softly
          .assertThat(r.header("Content-Type").orElse(""))
          .as("%s: problem JSON", where)
          .startsWith("application/problem+json");
      softly.assertThat(new JsonObject(r.body()).getInteger("status")).as(where).isEqualTo(status);
      world.assertNothingOfA(softly, r.body(), where);
      if (write) {
        softly.assertThat(world.audits()).as("%s: audit rows", where).isEqualTo(auditsBefore);
        if (before != null) {
          softly.assertThat(world.state(call.state)).as("%s: row", where).isEqualTo(before);
        }
      }
      return;
    }
    if (caller.ofStationB()) {
      world.assertNothingOfA(softly, r.body(), where);
    }
    if (rule.audited() != null) {
      String target = call.target != null ? call.target : call.created + createdId(r.json());
      softly
          .assertThat(world.audited(world.login(caller), rule.audited(), target))
          .as("%s: audit record (%s, %s)", where, rule.audited(), target)
          .isEqualTo(1);
    }
  }

  /** Null for 401: not signed in. */
  private static Outcome expected(String operation, Rule rule, Caller caller) {
    if (rule.open()) {
      return ALLOWED;
    }
    return switch (caller) {
      case ANONYMOUS -> null;
      case NO_CSRF ->
          operation.startsWith("GET ") ? rule.byRole().get(Caller.DISTRICT.ordinal()) : FORBIDDEN;
      default -> rule.byRole().get(caller.ordinal());
    };
  }

  /** The id of what a POST created: {@code {id}} or, for a device, {@code {device: {id}}}. */
  private static int createdId(JsonObject created) {
    JsonObject device = created.getJsonObject("device");
    return (device == null ? created : device).getInteger("id");
  }

  private static Map<String, Rule> parse(String text) {
    Map<String, Rule> rules = new LinkedHashMap<>();
    List<String> lines = text.lines().skip(1).toList();
    for (String line : lines) {
      String[] cells = line.trim().split(" +");
      String operation = cells[0] + " " + cells[1];
      Function<World, Call> call = REQUESTS.get(operation);
      assertThat(call).as("request for %s", operation).isNotNull();
      String audited = cells[cells.length - 1].equals("-") ? null : cells[cells.length - 1];
      int success = Integer.parseInt(cells[cells.length - 2]);
      if (cells[2].equals("public")) {
        rules.put(operation, new Rule(call, success, null, true, List.of()));
        continue;
      }
      List<Outcome> byRole = new ArrayList<>();
      for (int i = 2; i < 8; i++) {
        byRole.add(
            switch (cells[i]) {
              case "ok" -> ALLOWED;
              case "403" -> FORBIDDEN;
              case "404" -> INVISIBLE;
              default -> throw new IllegalArgumentException(operation + ": " + cells[i]);
            });
      }
      assertThat(cells).as(operation).hasSize(10);
      rules.put(operation, new Rule(call, success, audited, false, byRole));
    }
    return rules;
  }

  /**
   * A request on A's objects.
   *
   * @param target what an allowed write is audited against; null for a create, whose target is
   *     {@code created} + the new id
   * @param state SQL whose text answer a refused write must leave unchanged; null for none
   */
  record Call(
      String method, String path, JsonObject body, String target, String created, String state) {
    static Call get(String path) {
      return new Call("GET", path, null, null, null, null);
    }

    static Call delete(String path) {
      return new Call("DELETE", path, null, null, null, null);
    }

    /** Signs in again as the caller's own user (anonymous: a user of its own). */
    static Call signIn() {
      return new Call("POST", "/session", null, null, null, null);
    }
  }

  /** A fresh client signed in as a caller, and who that is. */
  record Session(ApiClient raw, ContractClient client, StaffFixture.User user) {}

  /** Stations A and B under one street station, their residents, devices, staff and alerts. */
  static final class World {
    private static final AtomicInteger NEXT = new AtomicInteger();

    final DataSource db;
    final AlertSeeds seeds;
    final RegistryFixture registry;
    final int stationA;
    final int stationB;
    final int resident;
    final int home;
    final int device;
    final long alert;

    /** A resident with alerts at both stations: B's staff see her, but not A's alert. */
    final int shared;

    final String residentName = "Zhao Guilan";
    final String address = "18 Hidden Lane, flat 2";
    final String alertDetail = "fell beside the bath, cannot get up";
    final String stationName;
    final Map<Caller, StaffFixture.User> users = new LinkedHashMap<>();
    final StaffFixture.User anonymousUser;

    /** Writes the handover notes the callers acknowledge; none of them. */
    final StaffFixture.User handoverWriter;

    final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(1800);

    World(DataSource db) throws SQLException {
      this.db = db;
      this.seeds = new AlertSeeds(db);
      this.registry = new RegistryFixture(db);
      int street = registry.station("st-east", "street", 0, 40.62, 109.88, 20);
      stationA = registry.station("cs-north-a", "community", street, 40.6, 109.9, 5);
      stationB = registry.station("cs-south-b", "community", street, 40.7, 109.9, 5);
      stationName = "Station cs-north-a";
      resident = residentAtA();
      home = (int) Sql.count(db, "SELECT home_id FROM resident WHERE id = " + resident);
      device = registry.device("pendant-zhao", DeviceKind.SOS_PENDANT, resident).key();
      registry.device("bed-zhao", DeviceKind.CARE_BED, resident);
      int residentB = registry.resident("Qian Xiuying", 40.7, 109.9);
      registry.device("pendant-qian", DeviceKind.SOS_PENDANT, residentB);
      alert = alertAtA("notified");
      alertAtA("resolved");
      shared = registry.resident("Sun Shufen", 40.65, 109.9);
      alertAt(shared, stationA, "fall", "notified", alertDetail);
      alertAt(shared, stationB, "sos", "notified", "pressed the pendant");
      StaffFixture staff = new StaffFixture(db);
      users.put(Caller.STAFF_A, staff.stationStaff(stationA));
      users.put(Caller.LEAD_A, staff.stationLead(stationA));
      users.put(Caller.STAFF_B, staff.stationStaff(stationB));
      users.put(Caller.LEAD_B, staff.stationLead(stationB));
      users.put(Caller.DISTRICT, staff.districtAdmin());
      users.put(Caller.PROGRAMME, staff.programmeAdmin());
      users.put(Caller.NO_CSRF, staff.districtAdmin());
      anonymousUser = staff.stationStaff(stationB);
      handoverWriter = staff.stationStaff(stationA);
    }

    /** A fresh alert of A's resident, routed to A only, in {@code state}. */
    long alertAtA(String state) throws SQLException {
      return alertAt(resident, stationA, "fall", state, alertDetail);
    }

    long alertAt(int who, int station, String kind, String state, String detail)
        throws SQLException {
      long id = seeds.alert(who, kind, "high", state, t0);
      seeds.route(id, station, 0, t0);
      Sql.execute(db, "UPDATE alert SET detail = '" + detail + "' WHERE id = " + id);
      return id;
    }

    /** A's resident at A's address; one of a few, as each may have one open alert of a kind. */
    int residentAtA() throws SQLException {
      int id = registry.resident(residentName, 40.6, 109.9);
      Sql.execute(
          db,
          "UPDATE home SET address = '"
              + address
              + "' WHERE id = (SELECT home_id FROM resident WHERE id = "
              + id
              + ")");
      return id;
    }

    /** An action on a fresh alert of A's in the state the action starts from. */
    Call alertAction(String state, String action, JsonObject body) {
      long id;
      try {
        id = alertAt(residentAtA(), stationA, "fall", state, alertDetail);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return new Call(
          "POST",
          "/alerts/" + id + "/" + action,
          body,
          "alert/" + id,
          null,
          "SELECT row_to_json(a)::text || (SELECT count(*) FROM alert_event WHERE alert_id = a.id)"
              + " FROM alert a WHERE id = "
              + id);
    }

    /** A call attempt on a fresh open alert of A's. */
    Call newCall() {
      Call on = alertAction("notified", "calls", null);
      return new Call(
          "POST",
          on.path(),
          new JsonObject()
              .put("callee", "contact")
              .put("phone", "13800138000")
              .put("outcome", "no_answer"),
          on.target(),
          null,
          on.state());
    }

    /** The door code of a fresh alert of A's that A has accepted, with a code on record. */
    Call doorCode() {
      Call on = alertAction("accepted", "door-code", null);
      try {
        Sql.execute(
            db,
            "INSERT INTO medical_summary (resident_id, key_safe_code) SELECT resident_id, '4711'"
                + " FROM alert WHERE id = "
                + on.target().substring("alert/".length()));
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return on;
    }

    Call newContacts() {
      return new Call(
          "PUT",
          "/residents/" + resident + "/contacts",
          new JsonObject()
              .put("phone", "0472 5551" + String.format("%03d", NEXT.incrementAndGet() % 1000))
              .put(
                  "contacts",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("name", "Zhao Min")
                              .put("relationship", "daughter")
                              .put("phone", "13900000001")
                              .put("holdsKey", true))),
          "resident/" + resident,
          null,
          "SELECT phone || (SELECT count(*) FROM resident_contact WHERE resident_id = r.id)"
              + " FROM resident r WHERE id = "
              + resident);
    }

    Call newMedical() {
      return new Call(
          "PUT",
          "/residents/" + resident + "/medical",
          new JsonObject()
              .put("conditions", "hypertension " + NEXT.incrementAndGet())
              .put("keySafeCode", "2580"),
          "resident/" + resident,
          null,
          "SELECT coalesce((SELECT row_to_json(m)::text FROM medical_summary m"
              + " WHERE resident_id = "
              + resident
              + "), '')");
    }

    /** Duty the other way from what A has now, so that any write would show. */
    Call toggleDuty() {
      boolean on =
          Sql.text(db, "SELECT on_duty::text FROM station WHERE id = " + stationA).equals("true");
      return new Call(
          "PUT",
          "/stations/" + stationA + "/duty",
          new JsonObject().put("onDuty", !on),
          "station/" + stationA,
          null,
          "SELECT on_duty::text FROM station WHERE id = " + stationA);
    }

    /** Puts A's lead on today's day shift, or takes them off it. */
    Call toggleRoster() {
      String slot = "station_id = " + stationA + " AND day = current_date AND shift = 'day'";
      boolean on = Sql.count(db, "SELECT count(*) FROM duty_shift WHERE " + slot) > 0;
      String day = Sql.text(db, "SELECT current_date::text");
      return new Call(
          "PUT",
          "/stations/" + stationA + "/roster/" + day + "/day",
          new JsonObject()
              .put(
                  "staffIds",
                  on ? new JsonArray() : new JsonArray().add(users.get(Caller.LEAD_A).id())),
          "station/" + stationA + "/roster/" + day + "/day",
          null,
          "SELECT count(*)::text FROM duty_shift WHERE " + slot);
    }

    Call newHandover() {
      return new Call(
          "POST",
          "/stations/" + stationA + "/handovers",
          new JsonObject().put("note", "night was quiet"),
          null,
          "handover/",
          "SELECT count(*)::text FROM shift_handover WHERE station_id = " + stationA);
    }

    /** A fresh note at A from someone else, to be acknowledged. */
    Call acknowledgeHandover() {
      long id =
          Sql.count(
              db,
              "INSERT INTO shift_handover (station_id, written_by, summary, note) VALUES ("
                  + stationA
                  + ", "
                  + handoverWriter.id()
                  + ", '{\"openAlerts\": []}', 'night was quiet') RETURNING id");
      return new Call(
          "POST",
          "/stations/" + stationA + "/handovers/" + id + "/acknowledge",
          new JsonObject(),
          "handover/" + id,
          null,
          "SELECT coalesce(acknowledged_by::text, '') FROM shift_handover WHERE id = " + id);
    }

    Call newCarePlan() {
      return new Call(
          "PUT",
          "/residents/" + resident + "/care-plan",
          new JsonObject()
              .put("carePlan", new JsonObject().put("hr_high", 100 + NEXT.incrementAndGet())),
          "resident/" + resident,
          null,
          "SELECT coalesce(care_plan::text, '') FROM resident WHERE id = " + resident);
    }

    /** An assessment of a fresh resident of A's. */
    Call newAssessment() {
      int id = freshResidentAtA();
      return new Call(
          "PUT",
          "/residents/" + id + "/assessment",
          new JsonObject().put("category", "living_alone").put("riskLevel", "high"),
          "resident/" + id,
          null,
          "SELECT count(*)::text FROM needs_assessment WHERE resident_id = " + id);
    }

    /** A visit to a fresh resident of A's with a plan due today. */
    Call newVisit() {
      int id = freshResidentAtA();
      try {
        Sql.execute(
            db,
            "INSERT INTO needs_assessment (resident_id, category, risk_level) VALUES ("
                + id
                + ", 'living_alone', 'high')");
        Sql.execute(
            db,
            "INSERT INTO visit_plan (resident_id, station_id, next_due) VALUES ("
                + id
                + ", "
                + stationA
                + ", current_date)");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      JsonObject findings =
          new JsonObject()
              .put("health", "ok")
              .put("safety", "ok")
              .put("home", "ok")
              .put("needs", "concern");
      return new Call(
          "POST",
          "/visits",
          new JsonObject()
              .put("residentId", id)
              // yesterday in any home's time zone is not after today
              .put("visitedOn", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString())
              .put("visitor", "Ma Li")
              .put("type", "phone_call")
              .put("findings", findings),
          "resident/" + id,
          null,
          "SELECT count(*) || ' ' || (SELECT next_due FROM visit_plan WHERE resident_id = "
              + id
              + ") FROM visit WHERE resident_id = "
              + id);
    }

    private int freshResidentAtA() {
      try {
        return residentAtA();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    Call newResident() {
      return new Call(
          "POST",
          "/residents",
          new JsonObject()
              .put("homeId", home)
              .put("name", "Enrolled " + NEXT.incrementAndGet())
              .put("birthYear", 1940)
              .put("livesAlone", false),
          null,
          "resident/",
          "SELECT count(*)::text FROM resident");
    }

    Call newHome() {
      return new Call(
          "POST",
          "/homes",
          new JsonObject()
              .put("address", NEXT.incrementAndGet() + " New Road")
              .put("community", "Qingshan")
              .put("lat", 40.61)
              .put("lon", 109.91),
          null,
          "home/",
          "SELECT count(*)::text FROM home");
    }

    Call newDevice() {
      return new Call(
          "POST",
          "/devices",
          new JsonObject()
              .put("uid", "door-" + NEXT.incrementAndGet())
              .put("kind", "door_sensor")
              .put("homeId", home)
              .put("residentId", resident)
              .put("expectedIntervalS", 60),
          null,
          "device/",
          "SELECT count(*)::text FROM device");
    }

    String login(Caller caller) {
      return users.get(caller).login();
    }

    /** A new client for the caller, so that signing in or out affects no other call. */
    Session open(Caller caller) {
      ApiClient raw = dashboard.client();
      ContractClient client = new ContractClient(raw, contract);
      StaffFixture.User user = caller == Caller.ANONYMOUS ? anonymousUser : users.get(caller);
      if (caller != Caller.ANONYMOUS) {
        assertThat(client.login(user).status()).as("%s signs in", caller).isEqualTo(200);
      }
      if (caller == Caller.NO_CSRF) {
        raw.withCsrfToken(null);
      }
      return new Session(raw, client, user);
    }

    ApiClient.Response send(Caller caller, Call call) {
      Session s = open(caller);
      if (call.path.endsWith("/stream")) {
        return stream(s, call.path);
      }
      if (call.method.equals("POST") && call.path.equals("/session")) {
        return s.client.login(s.user);
      }
      return switch (call.method) {
        case "GET" -> s.client.get(call.path);
        case "POST" -> s.client.post(call.path, call.body);
        case "PUT" -> s.client.put(call.path, call.body);
        case "DELETE" -> s.client.delete(call.path);
        default -> throw new IllegalArgumentException(call.method);
      };
    }

    /**
     * The live stream never ends: an open one is taken as its status and headers, a refused one
     * read to its end.
     */
    private ApiClient.Response stream(Session s, String path) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + dashboard.port() + "/api/v1" + path))
              .timeout(Duration.ofSeconds(10));
      if (s.raw.sessionCookie() != null) {
        request.header("Cookie", ApiClient.COOKIE + "=" + s.raw.sessionCookie());
      }
      try {
        HttpResponse<InputStream> r =
            HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        String body;
        try (InputStream in = r.body()) {
          body = r.statusCode() == 200 ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return contract.check(
            "GET", path, new ApiClient.Response(r.statusCode(), body, r.headers()));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** What no one outside A's view may read: A's resident, home, alert and station. */
    List<String> secretsOfA() {
      return List.of(residentName, address, alertDetail, stationName);
    }

    void assertNothingOfA(SoftAssertions softly, String body, String where) {
      for (String secret : secretsOfA()) {
        softly.assertThat(body).as("%s leaks", where).doesNotContain(secret);
      }
    }

    void assertNothingOfA(String body, String where) {
      SoftAssertions softly = new SoftAssertions();
      assertNothingOfA(softly, body, where);
      softly.assertAll();
    }

    String state(String sql) {
      return Sql.text(db, sql);
    }

    long audits() {
      return Sql.count(
          db,
          "SELECT (SELECT count(*) FROM staff_audit)"
              + " + (SELECT count(*) FROM alert_event WHERE actor <> 'system')");
    }

    long audited(String login, String action, String target) {
      if (target.startsWith("alert/")) {
        String alert = target.substring("alert/".length());
        return Sql.count(
            db,
            "SELECT (SELECT count(*) FROM alert_event WHERE actor = '"
                + login
                + "' AND action = '"
                + action
                + "' AND alert_id = "
                + alert
                + ") + (SELECT count(*) FROM staff_audit WHERE target = '"
                + target
                + "')");
      }
      return Sql.count(
          db,
          "SELECT count(*) FROM staff_audit WHERE login = '"
              + login
              + "' AND action = '"
              + action
              + "' AND target = '"
              + target
              + "'");
    }
  }
}

package org.caregrid.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertRows;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.testing.ApiClient;
import org.caregrid.dashboard.testing.SseRecorder;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.dashboard.testing.TestDashboard;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live stream as two stations' staff and a district admin see it. Alert changes are written and
 * announced as alerting does: the row and its audit row committed, then the change published.
 */
@Timeout(120)
class AlertStreamIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestDashboard dashboard;
  private DataSource db;
  private int stationA;
  private int stationB;
  private int residentA;
  private int residentB;
  private String sessionA;
  private String sessionB;
  private String sessionAdmin;
  private final List<SseRecorder> open = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    dashboard = TestDashboard.start();
    db = dashboard.node().dataSource();
    RegistryFixture registry = new RegistryFixture(db);
    stationA = registry.station("A", "community", 0, 40.60, 109.90, 5);
    stationB = registry.station("B", "community", 0, 40.70, 109.80, 5);
    residentA = registry.resident("Wang Fang", 40.601, 109.90);
    residentB = registry.resident("Zhao Lei", 40.701, 109.80);
    StaffFixture staff = new StaffFixture(db);
    sessionA = signIn(staff.stationStaff(stationA));
    sessionB = signIn(staff.stationLead(stationB));
    sessionAdmin = signIn(staff.districtAdmin());
  }

  @AfterEach
  void tearDown() {
    open.forEach(SseRecorder::close);
    dashboard.close();
  }

  private String signIn(StaffFixture.User user) {
    ApiClient client = dashboard.client();
    assertThat(client.login(user.login(), user.password()).status()).isEqualTo(200);
    return client.sessionCookie();
  }

  private SseRecorder stream(String session, String lastEventId) {
    SseRecorder r =
        SseRecorder.open(
            dashboard.vertx(), dashboard.port(), session, "/alerts/stream", lastEventId);
    open.add(r);
    assertThat(r.status()).isEqualTo(200);
    await().atMost(WAIT).until(r::connected);
    return r;
  }

  @Test
  void aChangeReachesOnlyTheStationsItWasRoutedToAndTheDistrict() throws Exception {
    SseRecorder a = stream(sessionA, null);
    SseRecorder b = stream(sessionB, null);
    SseRecorder admin = stream(sessionAdmin, null);

    long forA = raise(residentA, "sos", stationA);
    long forB = raise(residentB, "fall", stationB);

    await().atMost(WAIT).until(() -> b.events().size() == 1);
    await().atMost(WAIT).until(() -> a.events().size() == 1 && admin.events().size() == 2);
    assertThat(a.events().get(0).json().getLong("id")).isEqualTo(forA);
    assertThat(a.events().get(0).event()).isEqualTo("alert");
    assertThat(a.events().get(0).id()).isEqualTo(Long.toString(lastEvent(forA)));
    assertThat(b.events().get(0).json().getLong("id")).isEqualTo(forB);
    assertThat(admin.events()).extracting(e -> e.json().getLong("id")).containsExactly(forA, forB);
  }

  @Test
  void aStreamEndsWhenItsUserSignsOutAndTheOthersGoOn() throws Exception {
    // given a nurse of station A watching, beside a colleague
    ApiClient nurse = dashboard.client();
    StaffFixture.User user = new StaffFixture(db).stationStaff(stationA);
    assertThat(nurse.login(user.login(), user.password()).status()).isEqualTo(200);
    SseRecorder signedOut = stream(nurse.sessionCookie(), null);
    SseRecorder colleague = stream(sessionA, null);

    // when the nurse signs out, then an alert comes for the station
    assertThat(nurse.logout().status()).isEqualTo(204);
    await().atMost(WAIT).until(signedOut::ended);
    raise(residentA, "sos", stationA);

    // then the stream ended without it; the colleague's goes on and gets it
    await().atMost(WAIT).until(() -> colleague.events().size() == 1);
    assertThat(signedOut.events()).isEmpty();
    assertThat(colleague.ended()).isFalse();
  }

  @Test
  void aStreamEndsWhenItsUserIsDisabled() throws Exception {
    StaffFixture.User user = new StaffFixture(db).stationStaff(stationA);
    SseRecorder disabled = stream(signIn(user), null);
    SseRecorder colleague = stream(sessionA, null);

    Sql.execute(db, "UPDATE staff_user SET active = false WHERE id = " + user.id());
    await().atMost(WAIT).until(disabled::ended);
    raise(residentA, "sos", stationA);

    await().atMost(WAIT).until(() -> colleague.events().size() == 1);
    assertThat(disabled.events()).isEmpty();
  }

  @Test
  void aStreamEndsWhenItsSessionExpiresAndCannotBeReopened() throws Exception {
    // given a dashboard whose sessions expire after 3 s unused, and a stream opened on one
    try (TestDashboard quick =
        TestDashboard.start(TestDashboard.AUTH.withIdleTimeout(Duration.ofSeconds(3)))) {
      StaffFixture.User user = new StaffFixture(quick.node().dataSource()).districtAdmin();
      ApiClient client = quick.client();
      assertThat(client.login(user.login(), user.password()).status()).isEqualTo(200);
      try (SseRecorder live =
          SseRecorder.open(
              quick.vertx(), quick.port(), client.sessionCookie(), "/alerts/stream", null)) {
        assertThat(live.status()).isEqualTo(200);

        // when nothing else is asked for 3 s (an open stream does not keep a session alive),
        // then the stream ends
        await().atMost(WAIT).until(live::ended);
      }

      // and the browser's reconnect is refused
      try (SseRecorder again =
          SseRecorder.open(
              quick.vertx(), quick.port(), client.sessionCookie(), "/alerts/stream", null)) {
        assertThat(again.status()).isEqualTo(401);
      }
    }
  }

  @Test
  void anEscalationToAnotherStationShowsTheAlertThereToo() throws Exception {
    SseRecorder b = stream(sessionB, null);
    long alert = raise(residentA, "sos", stationA);
    long other = raise(residentB, "fall", stationB);
    await().atMost(WAIT).until(() -> b.events().size() == 1);

    escalate(alert, stationB);

    await().atMost(WAIT).until(() -> b.events().size() == 2);
    assertThat(b.events()).extracting(e -> e.json().getLong("id")).containsExactly(other, alert);
  }

  @Test
  void aReconnectReplaysExactlyWhatWasMissedThenGoesOnLive() throws Exception {
    SseRecorder first = stream(sessionA, null);
    long sos = raise(residentA, "sos", stationA);
    await().atMost(WAIT).until(() -> first.events().size() == 1);
    String lastSeen = first.events().get(0).id();
    first.close();
    open.remove(first);

    // while away: the sos accepted and then on site, a new alert at A, one at B
    change(sos, "accepted");
    change(sos, "on_site");
    long fall = raise(residentA, "fall", stationA);
    raise(residentB, "inactivity", stationB);

    SseRecorder back = stream(sessionA, lastSeen);
    await().atMost(WAIT).until(() -> back.events().size() == 2);
    assertThat(back.events())
        .extracting(e -> e.json().getLong("id"), e -> e.json().getString("state"))
        .containsExactly(tuple(sos, "on_site"), tuple(fall, "raised"));
    assertThat(back.ids())
        .containsExactly(Long.toString(lastEvent(sos)), Long.toString(lastEvent(fall)));

    change(fall, "accepted");
    await().atMost(WAIT).until(() -> back.events().size() == 3);
    assertThat(back.events().get(2).json().getString("state")).isEqualTo("accepted");
    assertThat(back.events().get(2).id()).isEqualTo(Long.toString(lastEvent(fall)));

    // the query parameter works as the header does, for clients that cannot set headers
    SseRecorder viaQuery =
        SseRecorder.open(
            dashboard.vertx(),
            dashboard.port(),
            sessionA,
            "/alerts/stream?lastEventId=" + lastSeen,
            null);
    open.add(viaQuery);
    await().atMost(WAIT).until(() -> viaQuery.events().size() == 2);
    assertThat(viaQuery.events())
        .extracting(e -> e.json().getLong("id"))
        .containsExactly(sos, fall);
  }

  @Test
  void aQuietStreamSendsHeartbeats() {
    SseRecorder quiet = stream(sessionA, null);

    await()
        .atMost(AlertStream.HEARTBEAT.multipliedBy(2).plusSeconds(3))
        .until(() -> quiet.heartbeats() >= 2);
    assertThat(quiet.events()).isEmpty();
  }

  @Test
  void refusesAMalformedLastEventId() {
    SseRecorder r =
        SseRecorder.open(dashboard.vertx(), dashboard.port(), sessionA, "/alerts/stream", "x1");
    open.add(r);

    assertThat(r.status()).isEqualTo(400);
  }

  private long lastEvent(long alert) {
    return Sql.count(db, "SELECT max(id) FROM alert_event WHERE alert_id = " + alert);
  }

  /** As alerting raises and routes an alert: one transaction, then the announcement. */
  private long raise(int resident, String kind, int station) throws SQLException {
    long id =
        Transactions.run(
            db,
            c -> {
              long alert;
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO alert (kind, severity, resident_id, station_id, state, detail,"
                          + " raised_at, last_seen_at) VALUES (?, 'critical', ?, ?, 'raised',"
                          + " 'test', now(), now()) RETURNING id")) {
                ps.setString(1, kind);
                ps.setInt(2, resident);
                ps.setInt(3, station);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  alert = rs.getLong(1);
                }
              }
              audit(c, alert, "raised");
              route(c, alert, station, 0);
              audit(c, alert, "routed");
              return alert;
            });
    announce(id);
    return id;
  }

  private void escalate(long alert, int station) throws SQLException {
    Transactions.run(
        db,
        c -> {
          route(c, alert, station, 1);
          audit(c, alert, "escalated");
          return null;
        });
    announce(alert);
  }

  private void change(long alert, String state) throws SQLException {
    Transactions.run(
        db,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE alert SET state = ? WHERE id = ?")) {
            ps.setString(1, state);
            ps.setLong(2, alert);
            ps.executeUpdate();
          }
          audit(c, alert, state);
          return null;
        });
    announce(alert);
  }

  private static void route(Connection c, long alert, int station, int step) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO alert_route (alert_id, station_id, step, routed_at, accept_by)"
                + " VALUES (?, ?, ?, now(), now() + interval '1 minute')")) {
      ps.setLong(1, alert);
      ps.setInt(2, station);
      ps.setInt(3, step);
      ps.executeUpdate();
    }
  }

  private static void audit(Connection c, long alert, String action) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO alert_event (alert_id, actor, action) VALUES (?, 'test', ?)")) {
      ps.setLong(1, alert);
      ps.setString(2, action);
      ps.executeUpdate();
    }
  }

  private void announce(long alert) throws SQLException {
    AlertChange change;
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + AlertRows.COLUMNS + " FROM alert WHERE id = ?")) {
      ps.setLong(1, alert);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        change = AlertRows.change(rs, null);
      }
    }
    dashboard.vertx().eventBus().publish(Addresses.ALERTS_CHANGED, change);
  }
}

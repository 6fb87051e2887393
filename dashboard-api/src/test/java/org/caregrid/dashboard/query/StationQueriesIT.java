package org.caregrid.dashboard.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.vertx.core.Vertx;
import java.sql.SQLException;
import java.time.Instant;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.store.StationStore;
import org.caregrid.dashboard.testing.AlertSeeds;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stations with their load, scoped lists, and duty changes audited in the same transaction. */
class StationQueriesIT {
  private Vertx vertx;
  private TestNode node;
  private RegistryFixture registry;
  private AlertSeeds seeds;
  private StationQueries queries;
  private StationStore stations;
  private int stationA;
  private int stationB;

  @BeforeEach
  void setUp() throws SQLException {
    vertx = Vertx.vertx();
    node = TestNode.start(vertx, TestServices.freshDatabase());
    registry = new RegistryFixture(node.dataSource());
    seeds = new AlertSeeds(node.dataSource());
    queries = new StationQueries(node.dataSource());
    stations = new StationStore(node.dataSource());
    int street = registry.station("S", "street", 0, 40.62, 109.88, 20);
    stationA = registry.station("A", "community", street, 40.6, 109.9, 5);
    stationB = registry.station("B", "community", street, 40.7, 109.9, 5);
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
    node.close();
  }

  private void alertAt(int station, String state) throws SQLException {
    long id =
        seeds.alert(
            registry.resident("R" + System.nanoTime()), "sos", "high", state, Instant.now());
    seeds.route(id, station, 0, Instant.now());
  }

  @Test
  void stationsShowTheirOpenAlertsAndStationStaffOnlyTheirOwn() throws SQLException {
    // given
    alertAt(stationA, "notified");
    alertAt(stationA, "on_site");
    alertAt(stationA, "resolved");
    alertAt(stationB, "accepted");

    // then
    assertThat(queries.list(StationScope.ALL))
        .extracting(StationView::code, StationView::openAlerts)
        .containsExactly(tuple("S", 0), tuple("A", 2), tuple("B", 1));
    assertThat(queries.list(StationScope.station(stationB)))
        .extracting(StationView::id)
        .containsExactly(stationB);
  }

  @Test
  void dutyChangesAreAuditedWithTheStaffMember() throws SQLException {
    // given
    StaffFixture.User lead = new StaffFixture(node.dataSource()).stationLead(stationA);
    Principal who =
        new Principal(lead.id(), lead.login(), "Lead A", StaffRole.STATION_LEAD, stationA);

    // when
    StationView off = stations.setDuty(who, stationA, false).orElseThrow();

    // then
    assertThat(off.onDuty()).isFalse();
    assertThat(Sql.text(node.dataSource(), "SELECT on_duty::text FROM station WHERE code = 'A'"))
        .isEqualTo("false");
    assertThat(
            Sql.text(
                node.dataSource(),
                "SELECT login || ' ' || action || ' ' || target || ' ' || detail::text"
                    + " FROM staff_audit"))
        .isEqualTo(lead.login() + " station.duty station/" + stationA + " {\"onDuty\": false}");
  }

  @Test
  void anUnknownStationIsNeitherChangedNorAudited() throws SQLException {
    // given
    StaffFixture.User admin = new StaffFixture(node.dataSource()).districtAdmin();
    Principal who =
        new Principal(admin.id(), admin.login(), "District", StaffRole.DISTRICT_ADMIN, null);

    // then
    assertThat(stations.setDuty(who, 9999, false)).isEmpty();
    assertThat(Sql.count(node.dataSource(), "SELECT count(*) FROM staff_audit")).isZero();
  }
}

package org.caregrid.dashboard.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.vertx.core.Vertx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.reading.Metric;
import org.caregrid.dashboard.testing.AlertSeeds;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alert lists and details on a real database: station scoping, order, cursor paging, filters. */
class AlertQueriesIT {
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(3600);

  private Vertx vertx;
  private TestNode node;
  private RegistryFixture registry;
  private AlertSeeds seeds;
  private AlertQueries queries;
  private int stationA;
  private int stationB;

  @BeforeEach
  void setUp() throws SQLException {
    vertx = Vertx.vertx();
    node = TestNode.start(vertx, TestServices.freshDatabase());
    registry = new RegistryFixture(node.dataSource());
    seeds = new AlertSeeds(node.dataSource());
    queries = new AlertQueries(node.dataSource());
    int street = registry.station("S", "street", 0, 40.62, 109.88, 20);
    stationA = registry.station("A", "community", street, 40.6, 109.9, 5);
    stationB = registry.station("B", "community", street, 40.7, 109.9, 5);
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
    node.close();
  }

  private long alert(String severity, String state, int minutes, int station) throws SQLException {
    int resident = registry.resident("Resident " + System.nanoTime());
    long id = seeds.alert(resident, "sos", severity, state, T0.plusSeconds(60L * minutes));
    seeds.route(id, station, 0, T0.plusSeconds(60L * minutes));
    return id;
  }

  private static AlertFilter filter(String state, int limit, AlertCursor after) {
    return new AlertFilter(state, List.of(), null, null, null, limit, after);
  }

  private static List<Long> ids(AlertPage page) {
    return page.items().stream().map(AlertView::id).toList();
  }

  @Test
  void stationStaffSeeOnlyAlertsRoutedToTheirStation() throws SQLException {
    // given
    long atA = alert("high", "notified", 1, stationA);
    long atB = alert("high", "notified", 2, stationB);
    long escalated = alert("critical", "notified", 3, stationA);
    seeds.route(escalated, stationB, 1, T0.plusSeconds(400));
    AlertDetailQueries details = new AlertDetailQueries(node.dataSource(), Clock.systemUTC());

    // then
    assertThat(ids(queries.list(filter("all", 100, null), StationScope.station(stationA))))
        .containsExactlyInAnyOrder(atA, escalated);
    assertThat(ids(queries.list(filter("all", 100, null), StationScope.station(stationB))))
        .containsExactlyInAnyOrder(atB, escalated);
    assertThat(ids(queries.list(filter("all", 100, null), StationScope.ALL)))
        .containsExactlyInAnyOrder(atA, atB, escalated);
    assertThat(queries.one(atB, StationScope.station(stationA))).isEmpty();
    assertThat(details.detail(atB, StationScope.station(stationA))).isEmpty();
    assertThat(queries.one(atB, StationScope.station(stationB))).isPresent();
    assertThat(details.detail(escalated, StationScope.station(stationB))).isPresent();
  }

  @Test
  void openAlertsComeMostUrgentFirstThenLongestWaitingAndHistoryNewestFirst() throws SQLException {
    // given
    long lowOld = alert("low", "raised", 1, stationA);
    long criticalNew = alert("critical", "notified", 9, stationA);
    long criticalOld = alert("critical", "accepted", 2, stationA);
    long high = alert("high", "on_site", 5, stationA);
    long resolvedOld = alert("critical", "resolved", 3, stationA);
    long cancelledNew = alert("low", "cancelled", 8, stationA);

    // then
    assertThat(ids(queries.list(filter("open", 100, null), StationScope.ALL)))
        .containsExactly(criticalOld, criticalNew, high, lowOld);
    assertThat(ids(queries.list(filter("closed", 100, null), StationScope.ALL)))
        .containsExactly(cancelledNew, resolvedOld);
    assertThat(ids(queries.list(filter("all", 100, null), StationScope.ALL)))
        .containsExactly(criticalNew, cancelledNew, high, resolvedOld, criticalOld, lowOld);
  }

  @Test
  void pagesFollowTheCursorWithoutRepeatsOrGapsWhileAlertsArrive() throws SQLException {
    // given five closed alerts, newest first
    List<Long> history = new ArrayList<>();
    for (int i = 5; i >= 1; i--) {
      history.add(alert("high", "resolved", i, stationA));
    }
    AlertPage first = queries.list(filter("closed", 2, null), StationScope.ALL);

    // when a newer alert arrives between pages (an offset would now repeat one)
    alert("critical", "resolved", 30, stationA);
    List<Long> seen = new ArrayList<>(ids(first));
    String cursor = first.nextCursor();
    while (cursor != null) {
      AlertPage next =
          queries.list(filter("closed", 2, AlertCursor.decode(cursor)), StationScope.ALL);
      seen.addAll(ids(next));
      cursor = next.nextCursor();
    }

    // then
    assertThat(seen).containsExactlyElementsOf(history);
  }

  @Test
  void openPagesKeepTheirOrderAcrossSeverities() throws SQLException {
    // given
    long c1 = alert("critical", "raised", 4, stationA);
    long h1 = alert("high", "raised", 1, stationA);
    long c2 = alert("critical", "raised", 6, stationA);
    long m1 = alert("medium", "raised", 2, stationA);
    long h2 = alert("high", "raised", 3, stationA);

    // when
    List<Long> seen = new ArrayList<>();
    AlertCursor after = null;
    do {
      AlertPage page = queries.list(filter("open", 2, after), StationScope.ALL);
      seen.addAll(ids(page));
      after = page.nextCursor() == null ? null : AlertCursor.decode(page.nextCursor());
    } while (after != null);

    // then
    assertThat(seen).containsExactly(c1, c2, h1, h2, m1);
  }

  @Test
  void filtersBySeverityStationStateAndRaisedTime() throws SQLException {
    // given
    long critical = alert("critical", "raised", 1, stationA);
    long high = alert("high", "accepted", 2, stationB);
    long medium = alert("medium", "raised", 3, stationA);
    alert("low", "resolved", 4, stationA);

    // then
    assertThat(
            ids(
                queries.list(
                    new AlertFilter("open", List.of("critical", "high"), null, null, null, 9, null),
                    StationScope.ALL)))
        .containsExactly(critical, high);
    assertThat(
            ids(
                queries.list(
                    new AlertFilter("all", List.of(), stationB, null, null, 9, null),
                    StationScope.ALL)))
        .containsExactly(high);
    assertThat(ids(queries.list(filter("accepted", 9, null), StationScope.ALL)))
        .containsExactly(high);
    assertThat(
            ids(
                queries.list(
                    new AlertFilter(
                        "open", List.of(), null, T0.plusSeconds(120), T0.plusSeconds(180), 9, null),
                    StationScope.ALL)))
        .containsExactly(high);
    assertThat(ids(queries.list(filter("raised", 9, null), StationScope.ALL)))
        .containsExactly(critical, medium);
  }

  @Test
  void detailShowsResidentRoutingLatestVitalsAndTheAuditTrail() throws SQLException {
    // given
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    int resident = registry.resident("Li Hua");
    seeds.birthYear(resident, 1940);
    int bed = registry.device("bed-" + System.nanoTime(), DeviceKind.CARE_BED, resident).key();
    long id = seeds.alert(resident, "vital_limit", "high", "notified", now.minusSeconds(300));
    seeds.route(id, stationA, 0, now.minusSeconds(300));
    seeds.route(id, stationB, 1, now.minusSeconds(100));
    seeds.event(id, now.minusSeconds(300), "system", "raised", null);
    seeds.event(id, now.minusSeconds(100), "system", "escalated", "step 1");
    seeds.reading(bed, Metric.HR, 128, now.minusSeconds(400));
    seeds.reading(bed, Metric.HR, 131, now.minusSeconds(60));
    seeds.reading(bed, Metric.SPO2, 0.93, now.minusSeconds(7200));
    seeds.reading(bed, Metric.BATTERY, 80, now.minusSeconds(60));

    // when
    AlertDetail d =
        new AlertDetailQueries(node.dataSource(), Clock.systemUTC())
            .detail(id, StationScope.ALL)
            .orElseThrow();

    // then
    assertThat(d.alert().residentName()).isEqualTo("Li Hua");
    assertThat(d.alert().stationId()).isEqualTo(stationA);
    assertThat(d.alert().step()).isEqualTo(1);
    assertThat(d.resident().age()).isEqualTo(now.atZone(ZoneOffset.UTC).getYear() - 1940);
    assertThat(d.home().address()).isEqualTo("Li Hua's home");
    assertThat(d.stations())
        .extracting(AlertDetail.RoutedStation::id, AlertDetail.RoutedStation::step)
        .containsExactly(tuple(stationA, 0), tuple(stationB, 1));
    assertThat(d.stations().get(1).acceptBy()).isEqualTo(now.minusSeconds(100).plusSeconds(180));
    assertThat(d.latestVitals())
        .containsExactly(
            new AlertDetail.Vital("hr", 131, "/min", now.minusSeconds(60), Duration.ofSeconds(10)));
    assertThat(d.audit())
        .extracting(AlertDetail.AuditEntry::action)
        .containsExactly("raised", "escalated");
  }
}

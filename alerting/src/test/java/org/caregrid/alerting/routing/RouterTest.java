package org.caregrid.alerting.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {
  // A home in Baotou; community stations about 1 km (near), 2 km (mid) and 5 km (far) away.
  private static final double LAT = 40.60;
  private static final double LON = 109.90;

  private final Router router = new Router(Tier.DISTRICT);

  private static Station district() {
    return new Station(1, "D", "District", Tier.DISTRICT, 0, 40.65, 109.85, true, 50, 0);
  }

  private static Station street(boolean onDuty) {
    return new Station(2, "S", "Street", Tier.STREET, 1, 40.62, 109.88, onDuty, 20, 0);
  }

  private static Station community(int key, String code, double dLat, boolean onDuty, int open) {
    return new Station(key, code, code, Tier.COMMUNITY, 2, LAT + dLat, LON, onDuty, 2, open);
  }

  private static List<Station> district(Station... communities) {
    List<Station> all = new ArrayList<>(List.of(district(), street(true)));
    all.addAll(List.of(communities));
    return all;
  }

  @Test
  void firstGoesToTheNearestCommunityStation() {
    List<Station> all =
        district(community(10, "near", 0.009, true, 0), community(11, "mid", 0.018, true, 0));

    Pick step = router.first(LAT, LON, all).orElseThrow();

    assertThat(step.stations()).extracting(Station::code).containsExactly("near");
    assertThat(step.last()).isFalse();
  }

  @Test
  void skipsAStationOffDutyOrFull() {
    List<Station> offDuty =
        district(community(10, "near", 0.009, false, 0), community(11, "mid", 0.018, true, 0));
    List<Station> full =
        district(community(10, "near", 0.009, true, 2), community(11, "mid", 0.018, true, 1));

    assertThat(router.first(LAT, LON, offDuty).orElseThrow().stations())
        .extracting(Station::code)
        .containsExactly("mid");
    assertThat(router.first(LAT, LON, full).orElseThrow().stations())
        .extracting(Station::code)
        .containsExactly("mid");
  }

  @Test
  void equalDistanceGoesToTheStationWithFewerOpenAlerts() {
    Station busy = new Station(10, "busy", "busy", Tier.COMMUNITY, 2, LAT, LON + 0.01, true, 5, 3);
    Station idle = new Station(11, "idle", "idle", Tier.COMMUNITY, 2, LAT, LON - 0.01, true, 5, 1);

    assertThat(router.first(LAT, LON, district(busy, idle)).orElseThrow().stations())
        .extracting(Station::code)
        .containsExactly("idle");
  }

  @Test
  void escalatesToTheParentAndTheNextNearestThenStopsAtTheDistrict() {
    List<Station> all =
        district(
            community(10, "near", 0.009, true, 0),
            community(11, "mid", 0.018, true, 0),
            community(12, "far", 0.045, true, 0));

    Pick second = router.next(LAT, LON, all, Set.of(10)).orElseThrow();
    Pick third = router.next(LAT, LON, all, Set.of(10, 2, 11)).orElseThrow();

    assertThat(second.stations()).extracting(Station::code).containsExactly("S", "mid");
    assertThat(second.last()).isFalse();
    assertThat(third.stations()).extracting(Station::code).containsExactly("D", "far");
    assertThat(third.tier()).isEqualTo(Tier.DISTRICT);
    assertThat(third.last()).isTrue();
    assertThat(router.next(LAT, LON, all, Set.of(10, 2, 11, 1, 12))).isEmpty();
  }

  @Test
  void anOffDutyStreetCentreIsPassedOverForTheDistrict() {
    List<Station> all =
        new ArrayList<>(List.of(district(), street(false), community(10, "near", 0.009, true, 0)));

    Pick second = router.next(LAT, LON, all, Set.of(10)).orElseThrow();

    assertThat(second.stations()).extracting(Station::code).containsExactly("D");
    assertThat(second.last()).isTrue();
  }

  @Test
  void whenNoCommunityStationCanTakeItTheStreetCentreDoes() {
    List<Station> all = district(community(10, "near", 0.009, true, 2));

    Pick step = router.first(LAT, LON, all).orElseThrow();

    assertThat(step.stations()).extracting(Station::code).containsExactly("S");
  }

  @Test
  void distanceIsGreatCircle() {
    Station s = new Station(1, "x", "x", Tier.COMMUNITY, 0, 40.0, 110.0, true, 1, 0);
    // One degree of latitude is about 111.2 km on the mean-radius sphere.
    assertThat(s.metresTo(41.0, 110.0)).isBetween(111_100.0, 111_300.0);
    assertThat(s.metresTo(40.0, 110.0)).isZero();
  }
}

package org.caregrid.sim.district;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.caregrid.core.device.DeviceKind;
import org.junit.jupiter.api.Test;

class DistrictGeneratorTest {
  private static final District LARGE = new DistrictGenerator(7).generate(4000);

  @Test
  void theSameSeedGivesTheSameDistrict() {
    assertThat(new DistrictGenerator(42).generate(30))
        .isEqualTo(new DistrictGenerator(42).generate(30));
    assertThat(new DistrictGenerator(42).generate(30))
        .isNotEqualTo(new DistrictGenerator(43).generate(30));
  }

  @Test
  void fourStreetsAndOneTownWithTwentyEightCommunitiesInThreeTiers() {
    District d = new DistrictGenerator(1).generate(10);

    assertThat(d.areas()).hasSize(5);
    assertThat(d.areas()).filteredOn(District.Area::town).hasSize(1);
    assertThat(d.stations("district")).hasSize(1);
    assertThat(d.stations("street")).hasSize(5);
    assertThat(d.stations("community")).hasSize(28);
    assertThat(d.stations("community"))
        .extracting(District.Station::community)
        .doesNotHaveDuplicates()
        .doesNotContainNull();
    Set<String> codes = new HashSet<>();
    for (District.Station s : d.stations()) {
      assertThat(s.parentCode() == null || codes.contains(s.parentCode()))
          .as("%s's parent comes first", s.code())
          .isTrue();
      codes.add(s.code());
    }
    // every community station answers to a street or town centre, which answers to the district
    assertThat(d.stations("community"))
        .allSatisfy(s -> assertThat(s.parentCode()).isIn(codes("street", d)));
    assertThat(d.stations("street")).allSatisfy(s -> assertThat(s.parentCode()).isEqualTo("D0"));
  }

  @Test
  void homesLieAroundFortyPointSixNorthWithinReachOfTheirStation() {
    Map<String, District.Station> byCommunity =
        LARGE.stations("community").stream()
            .collect(Collectors.toMap(District.Station::community, s -> s));
    for (District.Home h : LARGE.homes()) {
      assertThat(h.lat()).isBetween(40.5, 40.75);
      assertThat(h.lon()).isBetween(109.8, 110.1);
      District.Station station = byCommunity.get(h.community());
      assertThat(station.parentCode()).isEqualTo(h.areaCode());
      // within about a kilometre of the station: a 5-15 minute service circle
      assertThat(kilometres(h.lat(), h.lon(), station.lat(), station.lon())).isLessThan(1.5);
    }
    assertThat(LARGE.homes().stream().map(District.Home::community).distinct()).hasSize(28);
  }

  @Test
  void residentSharesFollowThePopulationAssumptions() {
    assertThat(share(District.Resident::livesAlone))
        .isCloseTo(Population.LIVES_ALONE, within(0.03));
    assertThat(share(District.Resident::dementia)).isCloseTo(Population.DEMENTIA, within(0.02));
    assertThat(share(District.Resident::copd)).isCloseTo(Population.COPD, within(0.02));
    assertThat(share(r -> 2026 - r.birthYear() >= 85))
        .isCloseTo(Population.AGE_BAND_SHARES[2], within(0.03));
    assertThat(LARGE.homes())
        .allSatisfy(h -> assertThat(2026 - h.resident().birthYear()).isBetween(65, 95));
  }

  @Test
  void everyHomeHasTheProgrammesSetAndSolitaryResidentsAreWatchedForActivity() {
    for (District.Home h : LARGE.homes()) {
      Set<DeviceKind> kinds =
          h.devices().stream().map(District.DeviceSpec::kind).collect(Collectors.toSet());
      assertThat(kinds)
          .contains(DeviceKind.CARE_BED, DeviceKind.VITALS_MONITOR, DeviceKind.SOS_PENDANT);
      if (h.resident().livesAlone() || h.resident().dementia()) {
        assertThat(kinds).contains(DeviceKind.MOTION_SENSOR, DeviceKind.DOOR_SENSOR);
      }
      if (h.resident().dementia()) {
        assertThat(kinds).contains(DeviceKind.FALL_DETECTOR);
      }
    }
  }

  @Test
  void devicesHaveUniqueIdsAndEveryEncoding() {
    Set<String> uids = new HashSet<>();
    Set<District.Encoding> encodings = new HashSet<>();
    for (District.Home h : LARGE.homes()) {
      for (District.DeviceSpec dev : h.devices()) {
        assertThat(uids.add(dev.uid())).as(dev.uid()).isTrue();
        encodings.add(dev.encoding());
        assertThat(dev.intervalSeconds()).isPositive();
      }
    }
    assertThat(encodings).containsExactlyInAnyOrder(District.Encoding.values());
  }

  private static double share(Predicate<District.Resident> p) {
    return LARGE.homes().stream().filter(h -> p.test(h.resident())).count()
        / (double) LARGE.homes().size();
  }

  private static Set<String> codes(String tier, District d) {
    return d.stations(tier).stream().map(District.Station::code).collect(Collectors.toSet());
  }

  private static double kilometres(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1) * Math.cos(Math.toRadians(lat1));
    return 6371 * Math.sqrt(dLat * dLat + dLon * dLon);
  }
}

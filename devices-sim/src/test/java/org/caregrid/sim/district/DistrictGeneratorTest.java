package org.caregrid.sim.district;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DistrictGeneratorTest {

  @Test
  void theSameSeedGivesTheSameDistrict() {
    assertThat(new DistrictGenerator(42).generate(2, 30))
        .isEqualTo(new DistrictGenerator(42).generate(2, 30));
    assertThat(new DistrictGenerator(42).generate(2, 30))
        .isNotEqualTo(new DistrictGenerator(43).generate(2, 30));
  }

  @Test
  void stationsFormTiersUnderOneDistrictCentre() {
    District d = new DistrictGenerator(1).generate(2, 10);

    assertThat(d.stations()).filteredOn(s -> s.tier().equals("district")).hasSize(1);
    assertThat(d.stations()).filteredOn(s -> s.tier().equals("street")).hasSize(5);
    assertThat(d.stations()).filteredOn(s -> s.tier().equals("community")).hasSize(10);
    Set<String> codes = new HashSet<>();
    for (District.Station s : d.stations()) {
      assertThat(s.parentCode() == null || codes.contains(s.parentCode()))
          .as("%s's parent comes first", s.code())
          .isTrue();
      codes.add(s.code());
    }
  }

  @Test
  void homesLieAroundTheDistrictWithUniqueDevices() {
    District d = new DistrictGenerator(7).generate(2, 200);
    Set<String> uids = new HashSet<>();

    for (District.Home h : d.homes()) {
      assertThat(h.lat()).isBetween(40.45, 40.75);
      assertThat(h.lon()).isBetween(109.75, 110.05);
      h.devices().forEach(dev -> assertThat(uids.add(dev.uid())).as(dev.uid()).isTrue());
    }
    assertThat(uids).hasSize(200);
  }
}

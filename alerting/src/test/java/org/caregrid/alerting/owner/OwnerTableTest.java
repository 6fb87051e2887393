package org.caregrid.alerting.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnerTableTest {
  private static final List<String> THREE =
      List.of(
          "5b8f7f43-3c1e-4a7e-9d55-2f0c9a1e6b01",
          "a2d4c6e8-1111-4b2b-8c3c-4d5e6f708192",
          "f0e1d2c3-b4a5-4968-8776-655443322110");

  @Test
  void everyNodeComputesTheSameOwnersWhateverOrderItSeesTheMembersIn() {
    OwnerTable one = OwnerTable.of(THREE);
    OwnerTable other = OwnerTable.of(List.of(THREE.get(2), THREE.get(0), THREE.get(1)));
    for (int resident = 0; resident < 1_000; resident++) {
      assertThat(other.ownerOf(resident)).isEqualTo(one.ownerOf(resident)).isIn(THREE);
    }
  }

  @Test
  void whenAMemberLeavesOnlyItsResidentsMoveAndTheyMoveToSeveralSurvivors() {
    OwnerTable before = OwnerTable.of(THREE);
    OwnerTable after = OwnerTable.of(THREE.subList(0, 2));
    Map<String, Integer> moved = new HashMap<>();
    for (int resident = 0; resident < 1_000; resident++) {
      String was = before.ownerOf(resident);
      if (was.equals(THREE.get(2))) {
        moved.merge(after.ownerOf(resident), 1, Integer::sum);
      } else {
        assertThat(after.ownerOf(resident)).isEqualTo(was);
      }
    }
    assertThat(moved).containsOnlyKeys(THREE.get(0), THREE.get(1));
  }

  @Test
  void residentsAreSpreadOverTheMembers() {
    OwnerTable table = OwnerTable.of(THREE);
    Map<String, Integer> owned = new HashMap<>();
    for (int resident = 0; resident < 3_000; resident++) {
      owned.merge(table.ownerOf(resident), 1, Integer::sum);
    }
    assertThat(owned.values()).allSatisfy(n -> assertThat(n).isBetween(700, 1_300));
  }

  @Test
  void aClusterWithoutMembersIsRefused() {
    assertThatThrownBy(() -> OwnerTable.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}

package org.caregrid.ingest.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdopterTest {
  private static final List<String> SURVIVORS = List.of("node-b", "node-c", "node-d");

  @Test
  void everySurvivorPicksTheSameAdopterWhateverOrderItSeesTheMembersIn() {
    for (int i = 0; i < 100; i++) {
      String dead = "node-" + i;
      String adopter = Adopter.of(SURVIVORS, dead);
      assertThat(Adopter.of(List.of("node-d", "node-b", "node-c"), dead))
          .isEqualTo(adopter)
          .isIn(SURVIVORS);
    }
  }

  @Test
  void deadNodesAreSpreadOverTheSurvivors() {
    Set<String> adopters = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      adopters.add(Adopter.of(SURVIVORS, "dead-" + i));
    }
    assertThat(adopters).containsExactlyInAnyOrderElementsOf(SURVIVORS);
  }

  @Test
  void withNoMemberThereIsNoAdopter() {
    assertThatThrownBy(() -> Adopter.of(List.of(), "node-a"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

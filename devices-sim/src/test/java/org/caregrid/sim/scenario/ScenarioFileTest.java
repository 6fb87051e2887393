package org.caregrid.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFileTest {
  @TempDir Path dir;

  @Test
  void everyBuiltInScenarioParsesAndExpectsSomething() {
    for (String name : ScenarioFile.BUILT_IN) {
      Scenario s = ScenarioFile.builtIn(name);
      assertThat(s.name()).isEqualTo(name);
      assertThat(s.steps()).isNotEmpty();
      assertThat(s.expect().alerts().isEmpty() && s.expect().rejected().isEmpty())
          .as("%s expects an alert or a refusal", name)
          .isFalse();
    }
  }

  @Test
  void aNightScenarioStartsAtItsLocalTimeAndEndsBeforeNow() {
    Scenario bedExit = ScenarioFile.builtIn("bed-exit");
    Instant now = Instant.parse("2026-11-30T05:00:00Z"); // 13:00 in Shanghai

    Instant start = bedExit.startBefore(now);

    ZonedDateTime local = start.atZone(bedExit.zone());
    assertThat(local.toLocalTime()).isEqualTo(LocalTime.of(1, 30));
    assertThat(start.plus(bedExit.span())).isBefore(now);
    assertThat(bedExit.span()).isEqualTo(Duration.ofMinutes(34));
  }

  @Test
  void readsAJsonFileOfTheSameShape() throws Exception {
    Path file = dir.resolve("press.json");
    Files.writeString(
        file,
        """
        {"name": "press", "devices": [{"name": "p", "kind": "sos_pendant"}],
         "steps": [{"wait": "5s"}, {"device": "p", "event": "sos"}],
         "expect": {"alerts": [{"kind": "sos", "severity": "critical"}]}}
        """);

    Scenario s = ScenarioFile.read(file);

    assertThat(s.steps())
        .extracting(Step::action)
        .containsExactly(Step.Action.WAIT, Step.Action.EVENT);
    assertThat(s.span()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aStepDoesOneThing() {
    assertThatThrownBy(
            () ->
                new Step(
                    "p", Duration.ofSeconds(1), "sos", null, null, null, null, null, null, null))
        .hasMessageContaining("one thing");
  }
}

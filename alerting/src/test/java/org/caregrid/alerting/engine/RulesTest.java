package org.caregrid.alerting.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.caregrid.alerting.rule.Rule;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class RulesTest {

  @Test
  void eachCallMakesAFreshSetOfEveryRule() {
    List<Rule> first = Rules.create(RuleConfig.defaults(), Clock.systemUTC());
    List<Rule> second = Rules.create(RuleConfig.defaults(), Clock.systemUTC());

    assertThat(first).hasSize(9);
    assertThat(first).extracting(r -> r.getClass()).doesNotHaveDuplicates();
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i)).isNotSameAs(first.get(i)).hasSameClassAs(first.get(i));
    }
  }

  @Test
  void badSettingsAreRefusedNamingTheKey() {
    RuleConfig.VitalLimit v = RuleConfig.defaults().vitalLimit();

    assertThatThrownBy(
            () ->
                new RuleConfig.VitalLimit(
                    v.window(),
                    1,
                    v.spotPairWithin(),
                    v.pulse(),
                    v.respiration(),
                    v.spo2(),
                    v.systolic(),
                    v.temperature()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("alerting.rules.vital-limit.min-readings");
    assertThatThrownBy(() -> new RuleConfig.Band(131, 40, 5)).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new RuleConfig.Inactivity(Duration.ZERO))
        .hasMessageContaining("alerting.rules.inactivity.after");
  }
}

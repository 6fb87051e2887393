package org.caregrid.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalTime;
import org.caregrid.core.reading.Metric;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
  private final RuleConfig defaults = RuleConfig.defaults();

  @Test
  void withoutACarePlanTheDefaultsApply() {
    Thresholds t = Thresholds.defaults(defaults);

    assertThat(t.night()).isEqualTo(new NightWindow(LocalTime.of(22, 0), LocalTime.of(6, 0)));
    assertThat(t.bedReturn()).isEqualTo(Duration.ofMinutes(30));
    assertThat(t.inactivity()).isEqualTo(Duration.ofHours(4));
    assertThat(t.notInBedBy()).isEmpty();
    assertThat(t.notUpBy()).isEmpty();
    assertThat(t.band(Metric.HR, false)).contains(new VitalBand(40, 131, 5));
    assertThat(t.band(Metric.SPO2, false)).contains(VitalBand.below(91, 2));
    assertThat(t.band(Metric.SPO2, true)).contains(VitalBand.below(83, 2));
    assertThat(t.band(Metric.MOVEMENT, false)).isEmpty();
    assertThat(t.onOxygen()).isFalse();
    assertThat(t.consciousness()).isEqualTo(Consciousness.ALERT);
  }

  @Test
  void everyCarePlanKeyOverridesItsDefault() {
    JsonObject plan =
        new JsonObject()
            .put("night_start", "21:30")
            .put("night_end", "7:15")
            .put("bed_return_min", 15)
            .put("not_in_bed_by", "23:00")
            .put("not_up_by", "09:30")
            .put("inactivity_min", 120)
            .put("hr_low", 45)
            .put("hr_high", 120)
            .put("rr_low", 10)
            .put("rr_high", 28)
            .put("spo2_low", 88)
            .put("sbp_low", 100)
            .put("sbp_high", 180)
            .put("temp_low", 35.5)
            .put("temp_high", 38.5)
            .put("news2_on_oxygen", true)
            .put("news2_consciousness", "voice")
            .put("notes", "unrelated keys are left alone");

    Thresholds t = Thresholds.of(defaults, plan);

    assertThat(t.night()).isEqualTo(new NightWindow(LocalTime.of(21, 30), LocalTime.of(7, 15)));
    assertThat(t.bedReturn()).isEqualTo(Duration.ofMinutes(15));
    assertThat(t.notInBedBy()).contains(LocalTime.of(23, 0));
    assertThat(t.notUpBy()).contains(LocalTime.of(9, 30));
    assertThat(t.inactivity()).isEqualTo(Duration.ofHours(2));
    assertThat(t.band(Metric.HR, false)).contains(new VitalBand(45, 120, 5));
    assertThat(t.band(Metric.RR, false)).contains(new VitalBand(10, 28, 2));
    assertThat(t.band(Metric.SPO2, false)).contains(VitalBand.below(88, 2));
    assertThat(t.band(Metric.SPO2, true)).contains(VitalBand.below(88, 2));
    assertThat(t.band(Metric.SBP, false)).contains(new VitalBand(100, 180, 5));
    assertThat(t.band(Metric.TEMP, false)).contains(new VitalBand(35.5, 38.5, 0.3));
    assertThat(t.onOxygen()).isTrue();
    assertThat(t.consciousness()).isEqualTo(Consciousness.VOICE);
  }

  @Test
  void aBadValueIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> Thresholds.of(defaults, new JsonObject().put("hr_high", "fast")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hr_high");
    assertThatThrownBy(() -> Thresholds.of(defaults, new JsonObject().put("not_up_by", "9am")))
        .hasMessageContaining("not_up_by");
    assertThatThrownBy(() -> Thresholds.of(defaults, new JsonObject().put("hr_low", 140)))
        .hasMessageContaining("hr_low");
    assertThatThrownBy(
            () -> Thresholds.of(defaults, new JsonObject().put("news2_consciousness", "drowsy")))
        .hasMessageContaining("news2_consciousness");
    assertThatThrownBy(() -> Thresholds.of(defaults, new JsonObject().put("bed_return_min", 0)))
        .hasMessageContaining("bed_return_min");
  }
}

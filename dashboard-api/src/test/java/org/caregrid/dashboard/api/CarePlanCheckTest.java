package org.caregrid.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class CarePlanCheckTest {
  @Test
  void everyKeyAlertingReadsIsAcceptedWithAValueOfItsType() {
    JsonObject plan =
        new JsonObject()
            .put("night_start", "22:30")
            .put("night_end", "6:00")
            .put("not_in_bed_by", "23:00")
            .put("not_up_by", "09:00")
            .put("bed_return_min", 20)
            .put("inactivity_min", 180.5)
            .put("hr_low", 45)
            .put("hr_high", 120)
            .put("rr_low", 9)
            .put("rr_high", 24)
            .put("spo2_low", 88)
            .put("sbp_low", 95)
            .put("sbp_high", 200)
            .put("temp_low", 35.5)
            .put("temp_high", 38.5)
            .put("news2_on_oxygen", true)
            .put("news2_consciousness", "C");

    assertThat(CarePlanCheck.check(plan)).isSameAs(plan);
  }

  @Test
  void anUnknownKeyIsRefusedByName() {
    assertThatThrownBy(() -> CarePlanCheck.check(new JsonObject().put("hr_hihg", 120)))
        .isInstanceOf(ApiFailures.BadRequest.class)
        .hasMessageStartingWith("carePlan.hr_hihg: unknown key");
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingItsKey() {
    assertRefused("hr_high", "120", "expected a number");
    assertRefused("night_start", "10pm", "HH:mm");
    assertRefused("night_start", 22, "HH:mm");
    assertRefused("inactivity_min", 0, "positive");
    assertRefused("news2_on_oxygen", "yes", "true or false");
    assertRefused("news2_consciousness", "X", "A, C, V, P, U");
  }

  @Test
  void aLowLimitMustBeBelowItsHighOne() {
    assertThatThrownBy(
            () -> CarePlanCheck.check(new JsonObject().put("hr_low", 100).put("hr_high", 90)))
        .isInstanceOf(ApiFailures.BadRequest.class)
        .hasMessage("carePlan.hr_low: must be below hr_high");
  }

  private static void assertRefused(String key, Object value, String why) {
    assertThatThrownBy(() -> CarePlanCheck.check(new JsonObject().put(key, value)))
        .isInstanceOf(ApiFailures.BadRequest.class)
        .hasMessageStartingWith("carePlan." + key + ":")
        .hasMessageContaining(why);
  }
}

package org.caregrid.dashboard.api;

import io.vertx.core.json.JsonObject;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Checks a care plan against the keys alerting reads (alerting's {@code Thresholds}, README
 * "Alerting rules"), before it is stored: alerting would refuse a bad value only when it next loads
 * the resident, and would ignore a misspelt key for good. Each failure names its key.
 */
final class CarePlanCheck {
  private enum Type {
    CLOCK,
    MINUTES,
    NUMBER,
    BOOLEAN,
    CONSCIOUSNESS
  }

  private static final Map<String, Type> KEYS =
      Map.ofEntries(
          Map.entry("night_start", Type.CLOCK),
          Map.entry("night_end", Type.CLOCK),
          Map.entry("not_in_bed_by", Type.CLOCK),
          Map.entry("not_up_by", Type.CLOCK),
          Map.entry("bed_return_min", Type.MINUTES),
          Map.entry("inactivity_min", Type.MINUTES),
          Map.entry("hr_low", Type.NUMBER),
          Map.entry("hr_high", Type.NUMBER),
          Map.entry("rr_low", Type.NUMBER),
          Map.entry("rr_high", Type.NUMBER),
          Map.entry("spo2_low", Type.NUMBER),
          Map.entry("sbp_low", Type.NUMBER),
          Map.entry("sbp_high", Type.NUMBER),
          Map.entry("temp_low", Type.NUMBER),
          Map.entry("temp_high", Type.NUMBER),
          Map.entry("news2_on_oxygen", Type.BOOLEAN),
          Map.entry("news2_consciousness", Type.CONSCIOUSNESS));

  private static final Set<String> ACVPU = Set.of("A", "C", "V", "P", "U");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("H:mm");

  private CarePlanCheck() {}

  /**
   * @throws ApiFailures.BadRequest naming the first key that is unknown or has a value alerting
   *     would refuse
   */
  static JsonObject check(JsonObject plan) {
    for (Map.Entry<String, Object> e : plan) {
      String key = e.getKey();
      Type type = KEYS.get(key);
      if (type == null) {
        throw bad(
            key,
            "unknown_key",
            "unknown key; known keys are "
                + String.join(", ", KEYS.keySet().stream().sorted().toList()));
      }
      check(key, type, e.getValue());
    }
    for (String vital : new String[] {"hr", "rr", "sbp", "temp"}) {
      Double low = plan.getDouble(vital + "_low");
      Double high = plan.getDouble(vital + "_high");
      if (low != null && high != null && !(low < high)) {
        throw bad(vital + "_low", "below_high", "must be below " + vital + "_high");
      }
    }
    return plan;
  }

  private static void check(String key, Type type, Object value) {
    switch (type) {
      case CLOCK -> {
        if (!(value instanceof String s)) {
          throw bad(key, "time_of_day", "expected a time of day as \"HH:mm\"");
        }
        try {
          LocalTime.parse(s.trim(), CLOCK);
        } catch (DateTimeParseException ex) {
          throw bad(key, "time_of_day", "expected a time of day as \"HH:mm\", got \"" + s + "\"");
        }
      }
      case MINUTES -> {
        if (!(value instanceof Number n) || !(n.doubleValue() > 0)) {
          throw bad(key, "positive_minutes", "expected a positive number of minutes");
        }
      }
      case NUMBER -> {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
          throw bad(key, "number", "expected a number");
        }
      }
      case BOOLEAN -> {
        if (!(value instanceof Boolean)) {
          throw bad(key, "boolean", "expected true or false");
        }
      }
      case CONSCIOUSNESS -> {
        if (!(value instanceof String s) || !ACVPU.contains(s)) {
          throw bad(key, "acvpu", "expected one of A, C, V, P, U");
        }
      }
    }
  }

  private static ApiFailures.BadRequest bad(String key, String code, String why) {
    return new ApiFailures.BadRequest("carePlan." + key + ": " + why, "carePlan." + key, code);
  }
}

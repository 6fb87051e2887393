package org.caregrid.bench.rig;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a benchmark measured, in the order measured: printed at the end as one JSON line. */
public final class Results {
  private final Map<String, Object> values = new LinkedHashMap<>();

  public void put(String key, Object value) {
    values.put(key, value);
  }

  public Object get(String key) {
    return values.get(key);
  }

  public String toJson() {
    return toJson(values);
  }

  /** A value may itself be a map of results (e.g. one per writer format), printed nested. */
  private static String toJson(Map<?, ?> map) {
    StringBuilder out = new StringBuilder("{");
    map.forEach(
        (k, v) -> {
          if (out.length() > 1) {
            out.append(", ");
          }
          out.append('"').append(k).append("\": ");
          if (v instanceof Map<?, ?> nested) {
            out.append(toJson(nested));
          } else {
            out.append(v instanceof String ? "\"" + v + "\"" : v);
          }
        });
    return out.append('}').toString();
  }

  public static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** One progress line, prefixed so it stands out from library output. */
  public static void say(String format, Object... args) {
    System.out.printf(Locale.ROOT, "bench: " + format + "%n", args);
  }
}

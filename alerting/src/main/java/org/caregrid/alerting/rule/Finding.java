package org.caregrid.alerting.rule;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a rule saw, as a code and its parameters, stored beside the English detail so that the
 * console can say it in the operator's language with display units (decision 0016).
 *
 * @param code e.g. {@code vital} or {@code event}; the console has one sentence per code
 * @param params numbers, codes and ids only; never a sentence
 */
public record Finding(String code, Map<String, Object> params) {
  public Finding {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** A finding from name/value pairs, in that order. */
  public static Finding of(String code, Object... namesAndValues) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return new Finding(code, params);
  }

  /** The JSON stored in {@code alert.finding}: {@code {"code":..., "params":{...}}}. */
  public String json() {
    return new JsonObject()
        .put("code", code)
        .put("params", new JsonObject(new LinkedHashMap<>(params)))
        .encode();
  }
}

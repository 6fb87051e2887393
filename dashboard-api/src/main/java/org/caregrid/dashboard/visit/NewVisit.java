package org.caregrid.dashboard.visit;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Map;

/**
 * A visit as recorded from the console.
 *
 * @param concerns for each checklist item, whether it was found a concern
 * @param followUp what is to be done next; empty when nothing
 */
public record NewVisit(
    int residentId,
    LocalDate visitedOn,
    String visitor,
    VisitType type,
    Map<Finding, Boolean> concerns,
    String followUp) {

  /** The checklist as stored: {"health": "ok" | "concern", ...}. */
  public JsonObject findings() {
    JsonObject f = new JsonObject();
    for (Finding item : Finding.values()) {
      f.put(item.code(), Boolean.TRUE.equals(concerns.get(item)) ? "concern" : "ok");
    }
    return f;
  }
}

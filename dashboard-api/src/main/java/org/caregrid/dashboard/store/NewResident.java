package org.caregrid.dashboard.store;

import io.vertx.core.json.JsonObject;

/**
 * A resident to enrol, as checked by the API.
 *
 * @param birthYear null when unknown
 * @param carePlan already checked against the keys alerting reads
 */
public record NewResident(
    int homeId,
    String name,
    Integer birthYear,
    boolean livesAlone,
    boolean dementia,
    boolean copdScale2,
    JsonObject carePlan) {

  /** The fields as the API names them, for the audit trail. */
  JsonObject toJson() {
    return new JsonObject()
        .put("homeId", homeId)
        .put("name", name)
        .put("birthYear", birthYear)
        .put("livesAlone", livesAlone)
        .put("dementia", dementia)
        .put("copdScale2", copdScale2)
        .put("carePlan", carePlan);
  }
}

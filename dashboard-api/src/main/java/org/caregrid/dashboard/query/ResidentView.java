package org.caregrid.dashboard.query;

import io.vertx.core.json.JsonObject;

/**
 * A resident as the API lists them.
 *
 * @param birthYear null when unknown, and so is {@code age}
 * @param openAlerts open alerts the viewer may see
 * @param carePlan the care plan's keys as stored; null in lists, which leave it out
 */
public record ResidentView(
    int id,
    String name,
    Integer birthYear,
    Integer age,
    boolean livesAlone,
    boolean dementia,
    boolean copdScale2,
    int homeId,
    String address,
    String community,
    int openAlerts,
    JsonObject carePlan) {}

package org.caregrid.dashboard.api;

import io.vertx.core.json.JsonObject;
import org.caregrid.core.alert.AlertChange;

/** The JSON shape of an alert in the API and the live stream. */
public final class AlertJson {
  private AlertJson() {}

  public static JsonObject of(AlertChange a) {
    return new JsonObject()
        .put("id", a.alertId())
        .put("kind", a.kind().code())
        .put("severity", a.severity().code())
        .put("state", a.state().code())
        .put("residentId", a.residentKey())
        .put("deviceId", a.deviceKey())
        .put("occurrences", a.occurrences())
        .put("raisedAt", a.raisedAt().toString())
        .put("lastSeenAt", a.changedAt().toString())
        .put("detail", a.detail());
  }
}

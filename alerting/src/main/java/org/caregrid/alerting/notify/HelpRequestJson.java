package org.caregrid.alerting.notify;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.caregrid.alerting.routing.HelpRequest;

/**
 * The help-request payload for station panels and webhooks (README, "Help requests"): a wire
 * contract, so names and shapes change only with the panels.
 */
public final class HelpRequestJson {
  private HelpRequestJson() {}

  public static JsonObject toJson(HelpRequest r) {
    return new JsonObject()
        .put("alert_id", r.alertId())
        .put("kind", r.kind().code())
        .put("severity", r.severity().code())
        .put("state", r.state().code())
        .put("detail", r.detail())
        .put("raised_at", r.raisedAt().toString())
        .put("accept_by", r.acceptBy().toString())
        .put("step", r.step())
        .put("advise_emergency_call", r.adviseEmergencyCall())
        .put(
            "station",
            new JsonObject()
                .put("code", r.station().code())
                .put("name", r.station().name())
                .put("tier", r.station().tier()))
        .put(
            "resident",
            new JsonObject().put("id", r.resident().key()).put("name", r.resident().name()))
        .put(
            "home",
            new JsonObject()
                .put("address", r.home().address())
                .put("community", r.home().community())
                .put("lat", r.home().lat())
                .put("lon", r.home().lon()));
  }

  public static Buffer encode(HelpRequest r) {
    return toJson(r).toBuffer();
  }
}

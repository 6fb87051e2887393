package org.caregrid.dashboard.store;

import io.vertx.core.json.JsonObject;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;

/**
 * A device to enrol, as checked by the API: it serves {@code residentId}, who lives in the home.
 */
public record NewDevice(
    DeviceId uid, DeviceKind kind, int homeId, int residentId, int expectedIntervalS) {

  /** The fields as the API names them, for the audit trail (no secrets). */
  JsonObject toJson() {
    return new JsonObject()
        .put("uid", uid.value())
        .put("kind", kind.code())
        .put("homeId", homeId)
        .put("residentId", residentId)
        .put("expectedIntervalS", expectedIntervalS);
  }
}

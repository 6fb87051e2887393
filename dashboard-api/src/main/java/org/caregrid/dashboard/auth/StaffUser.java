package org.caregrid.dashboard.auth;

import io.vertx.core.json.JsonObject;

/**
 * A staff user as the API shows them: who they act as, and their station's name for display.
 *
 * @param stationName null for users without a station
 */
public record StaffUser(Principal principal, String stationName) {

  /** The contract's {@code User} object. */
  public JsonObject json() {
    return new JsonObject()
        .put("id", principal.userId())
        .put("login", principal.login())
        .put("displayName", principal.displayName())
        .put("role", principal.role().code())
        .put("stationId", principal.stationId())
        .put("stationName", stationName);
  }
}

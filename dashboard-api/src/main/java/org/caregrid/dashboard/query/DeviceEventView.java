package org.caregrid.dashboard.query;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One event a resident's device sent; {@code data} is its payload's details as stored. */
public record DeviceEventView(Instant at, int deviceId, String type, JsonObject data) {}

package org.caregrid.dashboard.shift;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One shift's note to the next.
 *
 * @param summary one array per {@link HandoverSection}, as it stood when the note was written
 * @param acknowledgedAt null (and {@code acknowledgedBy} too) until the incoming shift confirms it
 */
public record Handover(
    long id,
    int stationId,
    Instant writtenAt,
    Member writtenBy,
    JsonObject summary,
    String note,
    Instant acknowledgedAt,
    Member acknowledgedBy) {}

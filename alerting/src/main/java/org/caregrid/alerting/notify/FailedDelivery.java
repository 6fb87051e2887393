package org.caregrid.alerting.notify;

import java.time.Instant;

/**
 * A webhook delivery that failed its last try, kept for inspection.
 *
 * @param lastStatus the HTTP status of the last answer; null when there was none (refused, timed
 *     out)
 */
public record FailedDelivery(
    long alertId,
    String url,
    String payload,
    int attempts,
    String lastError,
    Integer lastStatus,
    Instant failedAt) {}

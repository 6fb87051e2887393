package org.caregrid.dashboard.care;

import java.time.Instant;

/**
 * One logged call on an alert.
 *
 * @param login who made the call
 * @param note null when none was written
 */
public record CallAttempt(
    long id,
    Instant at,
    String login,
    Callee callee,
    String phone,
    CallOutcome outcome,
    String note) {}

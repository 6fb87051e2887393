package org.caregrid.core.alert;

import java.time.Instant;

/**
 * An alert as it is after a change, published on {@code care.alerts.changed} for live consoles.
 *
 * @param occurrences how many times the cause was seen while the alert stayed open
 * @param detail a short human-readable description of the cause
 */
public record AlertChange(
    long alertId,
    AlertKind kind,
    Severity severity,
    AlertState state,
    int residentKey,
    int deviceKey,
    int occurrences,
    Instant raisedAt,
    Instant changedAt,
    String detail) {}

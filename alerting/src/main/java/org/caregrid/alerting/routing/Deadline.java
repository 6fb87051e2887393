package org.caregrid.alerting.routing;

import java.time.Instant;

/** An alert waiting for a station to accept it by {@code at}, else it escalates. */
public record Deadline(long alertId, Instant at) {}

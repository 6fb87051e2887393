package org.caregrid.core.reading;

/**
 * One measured value.
 *
 * @param time when it was measured, epoch milliseconds (device clock)
 */
public record Reading(Metric metric, long time, double value) {}

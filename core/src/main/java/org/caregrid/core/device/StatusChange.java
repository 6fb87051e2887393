package org.caregrid.core.device;

/**
 * A device announced itself online, or the broker announced its Last Will ({@code offline}).
 * Published on {@code care.device.status}.
 *
 * @param at when ingest received it, epoch milliseconds
 */
public record StatusChange(Device device, boolean online, long at) {}

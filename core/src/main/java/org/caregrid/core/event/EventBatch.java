package org.caregrid.core.event;

import org.caregrid.core.device.Device;

/**
 * An accepted event tied to the device that sent it: what ingest stores and publishes to alerting
 * on {@code care.events}.
 *
 * @param receivedAt when the platform received it, epoch milliseconds
 */
public record EventBatch(Device device, DeviceEvent event, long receivedAt) {}

package org.caregrid.ingest.pipeline;

import org.caregrid.core.device.DeviceId;
import org.caregrid.core.metrics.Transport;

/**
 * One message as it arrived, before anything is known to be valid.
 *
 * @param sender the device the transport vouches for (MQTT topic under the broker's ACL, or DTLS
 *     identity)
 * @param receivedAt epoch milliseconds
 */
@SuppressWarnings("ArrayRecordComponent") // a carrier handed down the pipeline, never compared
public record Inbound(Transport transport, DeviceId sender, byte[] payload, long receivedAt) {}

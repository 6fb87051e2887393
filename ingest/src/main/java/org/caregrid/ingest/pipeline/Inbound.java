package org.caregrid.ingest.pipeline;

import org.caregrid.core.device.DeviceId;
import org.caregrid.core.metrics.Transport;

/**
 * One message as it arrived, before anything is known to be valid.
 *
 * @param sender the device the transport vouches for (MQTT topic under the broker's ACL, or DTLS
 *     identity)
 * @param receivedAt epoch milliseconds
 * @param contentType the MQTT 5 content type, or null
 * @param contentFormat the CoAP content-format, or -1
 */
@SuppressWarnings("ArrayRecordComponent") // a carrier handed down the pipeline, never compared
public record Inbound(
    Transport transport,
    DeviceId sender,
    byte[] payload,
    long receivedAt,
    String contentType,
    int contentFormat) {

  public static Inbound mqtt(DeviceId sender, byte[] payload, long receivedAt, String contentType) {
    return new Inbound(Transport.MQTT, sender, payload, receivedAt, contentType, -1);
  }

  public static Inbound coap(DeviceId sender, byte[] payload, long receivedAt, int contentFormat) {
    return new Inbound(Transport.COAP, sender, payload, receivedAt, null, contentFormat);
  }
}

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
 * @param admission whether readings may queue past the writer's capacity: the transport's choice
 */
@SuppressWarnings("ArrayRecordComponent") // a carrier handed down the pipeline, never compared
public record Inbound(
    Transport transport,
    DeviceId sender,
    byte[] payload,
    long receivedAt,
    String contentType,
    int contentFormat,
    Admission admission) {

  /** A message from the broker, which keeps whatever is not acknowledged: it may always queue. */
  public static Inbound mqtt(DeviceId sender, byte[] payload, long receivedAt, String contentType) {
    return new Inbound(
        Transport.MQTT, sender, payload, receivedAt, contentType, -1, Admission.ALWAYS);
  }

  /** A request from a device, which has nowhere else to keep its data: refused when full. */
  public static Inbound coap(DeviceId sender, byte[] payload, long receivedAt, int contentFormat) {
    return new Inbound(
        Transport.COAP,
        sender,
        payload,
        receivedAt,
        null,
        contentFormat,
        Admission.WITHIN_CAPACITY);
  }
}

package org.caregrid.core.codec;

import org.caregrid.core.error.RejectedException;
import org.caregrid.core.reading.Telemetry;

/** Turns a telemetry payload into readings and back. Implementations are stateless. */
public interface PayloadCodec {

  /**
   * Decodes one payload.
   *
   * @throws RejectedException with {@code DECODE}, {@code UNKNOWN_METRIC} or (SenML, for a time
   *     outside the years 1970 to 9999) {@code BAD_TIME} when the payload is not valid; never any
   *     other exception, whatever the bytes
   */
  Telemetry decode(byte[] payload);

  byte[] encode(Telemetry telemetry);
}

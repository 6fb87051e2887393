package org.caregrid.core.error;

/** Why a message from a device was refused. Closed set: each value is a metrics label. */
public enum Reason {
  /** The payload is not valid in its declared format. */
  DECODE,
  /** The sender is not an enrolled, active device. */
  UNKNOWN_DEVICE,
  /** The payload names another device than the one the transport authenticated. */
  DEVICE_MISMATCH,
  /** A metric code that is not in the catalogue. */
  UNKNOWN_METRIC,
  /** A value outside the catalogue's plausible range. */
  OUT_OF_RANGE,
  /** A timestamp too far in the future or older than retention. */
  BAD_TIME,
  /** The payload is larger than the configured cap. */
  TOO_LARGE,
  /** A topic or path that does not follow the wire contract. */
  BAD_TOPIC,
  /** JSON that is not UTF-8 (a byte order mark, UTF-16 or UTF-32, a malformed sequence). */
  BAD_ENCODING,
  /**
   * A message that says one thing twice: a repeated JSON or CBOR key, or two SenML records for the
   * same metric and time. Refused whole, since which of the two is meant cannot be told.
   */
  DUPLICATE;

  /** The label value used in metrics and in the {@code rejected_message} table. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

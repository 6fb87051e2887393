package org.caregrid.bench;

/**
 * The message the load sends: compact JSON of 4 readings, as a care bed reports them, with the
 * device's time stamp and sequence number.
 */
final class BedTelemetry {
  static final int READINGS = 4;

  private BedTelemetry() {}

  static String json(long ts, long seq) {
    return "{\"ts\":"
        + ts
        + ",\"seq\":"
        + seq
        + ",\"m\":{\"hr\":"
        + (60 + seq % 30)
        + ",\"rr\":14,\"in_bed\":1,\"movement\":"
        + (seq % 7)
        + "}}";
  }
}

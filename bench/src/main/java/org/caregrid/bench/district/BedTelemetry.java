package org.caregrid.bench.district;

/**
 * The message the load sends: compact JSON of 4 readings, as a care bed reports them, with the
 * device's time stamp and sequence number.
 */
public final class BedTelemetry {
  public static final int READINGS = 4;

  private BedTelemetry() {}

  public static String json(long ts, long seq) {
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

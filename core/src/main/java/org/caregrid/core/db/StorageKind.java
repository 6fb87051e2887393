package org.caregrid.core.db;

/** How the {@code reading} table is laid out; chosen once, when the schema is first created. */
public enum StorageKind {
  /** A TimescaleDB hypertable with 1-day chunks. */
  TIMESCALEDB,
  /** A plain PostgreSQL table range-partitioned by day. */
  PARTITIONED;

  String placeholder() {
    return this == TIMESCALEDB ? "timescaledb" : "partitioned";
  }
}

package org.caregrid.core.db;

/** Which storage to create on an empty database ({@code database.storage}). */
public enum StoragePreference {
  /** TimescaleDB when the server can load it, partitions otherwise. */
  AUTO,
  /** TimescaleDB or fail: for deployments and tests that must not silently fall back. */
  TIMESCALEDB,
  /** Plain partitions even when TimescaleDB is available. */
  PARTITIONED
}

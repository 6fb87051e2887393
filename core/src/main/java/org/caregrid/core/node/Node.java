package org.caregrid.core.node;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import javax.sql.DataSource;

/**
 * What every role of one node shares: Vert.x, the database pool and the worker pool that alone runs
 * JDBC, and the meter registry.
 *
 * @param db the worker pool named {@code caregrid-db}, sized to the connection pool
 */
public record Node(
    String name, Vertx vertx, DataSource dataSource, WorkerExecutor db, MeterRegistry meters) {}

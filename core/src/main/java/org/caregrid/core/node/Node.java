package org.caregrid.core.node;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import javax.sql.DataSource;
import org.caregrid.core.device.PskCipher;

/**
 * What every role of one node shares: Vert.x, the database pool and the worker pool that alone runs
 * JDBC, the meter registry, and the key the registry's PSKs are sealed under.
 *
 * @param db the worker pool named {@code caregrid-db}, sized to the connection pool
 * @param psks seals and opens devices' DTLS keys in the registry (ingest reads, enrolment writes)
 */
public record Node(
    String name,
    Vertx vertx,
    DataSource dataSource,
    WorkerExecutor db,
    MeterRegistry meters,
    PskCipher psks) {}

package org.caregrid.server.health;

import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import java.sql.Connection;
import java.util.function.BooleanSupplier;
import org.caregrid.core.node.Node;

/** The checks behind {@code /health}: is the database reachable, is the broker connected. */
public final class HealthProbes {
  private static final long TIMEOUT_MS = 2_000;

  private HealthProbes() {}

  public static HealthChecks create(Vertx vertx) {
    return HealthChecks.create(vertx);
  }

  public static void database(HealthChecks checks, Node node) {
    checks.register(
        "database",
        TIMEOUT_MS,
        promise ->
            node.db()
                .executeBlocking(
                    () -> {
                      try (Connection c = node.dataSource().getConnection()) {
                        return c.isValid(1);
                      }
                    },
                    false)
                .onComplete(
                    ar ->
                        promise.complete(
                            ar.succeeded() && ar.result() ? Status.OK() : Status.KO())));
  }

  public static void broker(HealthChecks checks, BooleanSupplier connected) {
    checks.register(
        "broker",
        TIMEOUT_MS,
        promise -> promise.complete(connected.getAsBoolean() ? Status.OK() : Status.KO()));
  }
}

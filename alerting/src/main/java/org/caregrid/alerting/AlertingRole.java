package org.caregrid.alerting;

import io.vertx.core.Future;
import java.time.Clock;
import org.caregrid.alerting.alert.JdbcAlertStore;
import org.caregrid.alerting.metrics.MicrometerAlertingMetrics;
import org.caregrid.alerting.rule.Rules;
import org.caregrid.alerting.rule.Thresholds;
import org.caregrid.core.node.Node;

/** Builds the alerting tier and deploys it: the only wiring class of the module. */
public final class AlertingRole {
  private final Node node;
  private final AlertingConfig config;
  private String deployment;

  public AlertingRole(Node node, AlertingConfig config) {
    this.node = node;
    this.config = config;
  }

  public Future<Void> start() {
    AlertingVerticle verticle =
        new AlertingVerticle(
            Rules.create(config.rules(), Clock.systemUTC()),
            Thresholds.defaults(config.rules()),
            new JdbcAlertStore(node.dataSource()),
            node.db(),
            new MicrometerAlertingMetrics(node.meters()));
    return node.vertx()
        .deployVerticle(verticle)
        .map(
            id -> {
              deployment = id;
              return null;
            });
  }

  public Future<Void> stop() {
    return deployment == null ? Future.succeededFuture() : node.vertx().undeploy(deployment);
  }
}

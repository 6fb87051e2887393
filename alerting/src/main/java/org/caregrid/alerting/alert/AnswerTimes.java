package org.caregrid.alerting.alert;

import java.time.Duration;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.core.alert.AlertChange;

/**
 * Times how long each alert waited to be accepted and for staff to be on site, for the meters the
 * Prometheus recording rules turn into the report's figures (deploy/prometheus).
 */
public final class AnswerTimes implements AlertListener {
  private final AlertingMetrics metrics;

  public AnswerTimes(AlertingMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void accepted(AlertChange alert, Change change, Responder responder) {
    metrics.accepted(alert.severity(), since(alert));
  }

  @Override
  public void changed(AlertChange alert, Change change) {
    if (change.action() == Change.Action.ON_SITE) {
      metrics.onSite(since(alert));
    }
  }

  private static Duration since(AlertChange alert) {
    Duration d = Duration.between(alert.raisedAt(), alert.changedAt());
    return d.isNegative() ? Duration.ZERO : d;
  }
}

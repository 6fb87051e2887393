package org.caregrid.alerting.metrics;

import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;

/** What alerting reports, in domain words. */
public interface AlertingMetrics {

  /** A new alert was opened (repeats of an open one are not counted). */
  void raised(AlertKind kind, Severity severity);

  void storeFailed();

  AlertingMetrics NOOP =
      new AlertingMetrics() {
        @Override
        public void raised(AlertKind kind, Severity severity) {}

        @Override
        public void storeFailed() {}
      };
}

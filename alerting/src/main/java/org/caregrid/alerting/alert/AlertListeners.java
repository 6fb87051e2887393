package org.caregrid.alerting.alert;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.caregrid.alerting.routing.RouteStep;
import org.caregrid.core.alert.AlertChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of the alert desk, told in the order they were added. One that throws is logged and
 * the others are still told: a broken webhook must not keep a timer from being set.
 */
public final class AlertListeners implements AlertListener {
  private static final Logger LOG = LoggerFactory.getLogger(AlertListeners.class);

  private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();

  public void add(AlertListener listener) {
    listeners.add(listener);
  }

  @Override
  public void raised(AlertChange alert, RouteStep step) {
    tell(alert, l -> l.raised(alert, step));
  }

  @Override
  public void repeated(AlertChange alert) {
    tell(alert, l -> l.repeated(alert));
  }

  @Override
  public void escalated(AlertChange alert, RouteStep step) {
    tell(alert, l -> l.escalated(alert, step));
  }

  @Override
  public void accepted(AlertChange alert, Change change, Responder responder) {
    tell(alert, l -> l.accepted(alert, change, responder));
  }

  @Override
  public void changed(AlertChange alert, Change change) {
    tell(alert, l -> l.changed(alert, change));
  }

  private void tell(AlertChange alert, Consumer<AlertListener> call) {
    for (AlertListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.error("{} failed on alert {}", l.getClass().getSimpleName(), alert.alertId(), e);
      }
    }
  }
}

package org.caregrid.alerting;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import org.caregrid.alerting.alert.AlertStore;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.HeartRateRule;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.reading.ReadingBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the rules on readings from the bus and turns findings into stored alerts, then
 * announces each change on {@code care.alerts.changed}. Rule state lives on this verticle's event
 * loop, so one thread owns each device's state.
 */
public final class AlertingVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AlertingVerticle.class);

  private final HeartRateRule heartRate;
  private final AlertStore store;
  private final WorkerExecutor db;
  private final AlertingMetrics metrics;
  private MessageConsumer<ReadingBatch> readings;

  public AlertingVerticle(
      HeartRateRule heartRate, AlertStore store, WorkerExecutor db, AlertingMetrics metrics) {
    this.heartRate = heartRate;
    this.store = store;
    this.db = db;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    readings = vertx.eventBus().localConsumer(Addresses.READINGS, m -> onReadings(m.body()));
    return readings.completion();
  }

  @Override
  public Future<?> stop() {
    return readings.unregister();
  }

  private void onReadings(ReadingBatch batch) {
    heartRate.onReadings(batch).ifPresent(this::raise);
  }

  private void raise(AlertCandidate candidate) {
    db.executeBlocking(() -> store.raise(candidate), false)
        .onSuccess(this::announce)
        .onFailure(
            e -> {
              metrics.storeFailed();
              LOG.error("could not store a {} alert: {}", candidate.kind().code(), e.getMessage());
            });
  }

  private void announce(AlertChange change) {
    if (change.occurrences() == 1) {
      metrics.raised(change.kind(), change.severity());
      LOG.info(
          "Alert {} raised: {} {} for resident {}",
          change.alertId(),
          change.severity().code(),
          change.kind().code(),
          change.residentKey());
    }
    vertx.eventBus().publish(Addresses.ALERTS_CHANGED, change);
  }
}

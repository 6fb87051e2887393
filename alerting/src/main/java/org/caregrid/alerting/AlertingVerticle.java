package org.caregrid.alerting;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.caregrid.alerting.alert.AlertStore;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.resident.Resident;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Findings;
import org.caregrid.alerting.rule.Rule;
import org.caregrid.alerting.rule.Thresholds;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.StatusChange;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.reading.ReadingBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the rules on readings, events and status changes from the bus, and on a tick, and turns
 * findings into stored alerts, then announces each change on {@code care.alerts.changed}. Rule
 * state lives on this verticle's event loop, so one thread owns it. Residents are known by the
 * devices seen so far, with the platform's thresholds and the default time zone.
 */
public final class AlertingVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AlertingVerticle.class);
  private static final long TICK_MILLIS = 5_000;
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final List<Rule> rules;
  private final Thresholds thresholds;
  private final AlertStore store;
  private final WorkerExecutor db;
  private final AlertingMetrics metrics;
  private final Map<Integer, Resident> residents = new HashMap<>();
  private final Findings findings = new StoreFindings();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private long tick;

  public AlertingVerticle(
      List<Rule> rules,
      Thresholds thresholds,
      AlertStore store,
      WorkerExecutor db,
      AlertingMetrics metrics) {
    this.rules = rules;
    this.thresholds = thresholds;
    this.store = store;
    this.db = db;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    consumers.add(
        consumer(
            Addresses.READINGS,
            (ReadingBatch b, Rule r) -> r.onReadings(b, of(b.device()), findings)));
    consumers.add(
        consumer(
            Addresses.EVENTS, (EventBatch e, Rule r) -> r.onEvent(e, of(e.device()), findings)));
    consumers.add(
        consumer(
            Addresses.DEVICE_STATUS,
            (StatusChange c, Rule r) -> r.onStatus(c, of(c.device()), findings)));
    tick =
        vertx.setPeriodic(
            TICK_MILLIS,
            id -> residents.values().forEach(res -> rules.forEach(r -> r.onTick(res, findings))));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(tick);
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
  }

  private <T> MessageConsumer<T> consumer(String address, BiConsumer<T, Rule> apply) {
    return vertx
        .eventBus()
        .localConsumer(address, m -> rules.forEach(r -> apply.accept(m.body(), r)));
  }

  private Resident of(Device device) {
    Resident known = residents.get(device.residentKey());
    if (known != null && known.devices().contains(device)) {
      return known;
    }
    List<Device> devices = new ArrayList<>(known == null ? List.of() : known.devices());
    devices.removeIf(d -> d.key() == device.key());
    devices.add(device);
    Resident r = new Resident(device.residentKey(), ZONE, false, false, false, thresholds, devices);
    residents.put(r.key(), r);
    return r;
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

  /** Raises go to the store; notes and restores are logged until the store keeps them. */
  private final class StoreFindings implements Findings {
    @Override
    public void raise(AlertCandidate candidate) {
      AlertingVerticle.this.raise(candidate);
    }

    @Override
    public void restore(AlertKind kind, int residentKey, long at, String note) {
      LOG.info("{} for resident {} restored: {}", kind.code(), residentKey, note);
    }

    @Override
    public void note(AlertKind kind, int residentKey, long at, String note) {
      LOG.info("{} for resident {}: {}", kind.code(), residentKey, note);
    }
  }
}

package org.caregrid.alerting.engine;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.metrics.AlertingMetrics.Input;
import org.caregrid.alerting.resident.ResidentDirectory;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.Rule;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.StatusChange;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.reading.ReadingBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard of the rule engine: the rules' state for the residents it owns ({@link
 * EngineConfig#shardOf}), touched only by this verticle's event loop, so concurrent readings for
 * one resident are evaluated one after the other and cannot raise the same alert twice. Every shard
 * hears every reading, event and status change of its {@link Inbox} and keeps its own residents'.
 * In a cluster the inbox carries only what this node owns ({@code owned}); ticks and replay are
 * limited to those residents too. At start it replays the stored events of its residents, so state
 * such as "left bed at 02:10" survives a restart or moves with a resident to another node.
 */
public final class ShardVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ShardVerticle.class);

  private final int shard;
  private final EngineConfig config;
  private final List<Rule> rules;
  private final ShardFindings findings;
  private final ResidentDirectory residents;
  private final WorkerExecutor db;
  private final StoredEvents stored;
  private final Clock clock;
  private final AlertingMetrics metrics;
  private final Inbox inbox;
  private final IntPredicate owned;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();

  ShardVerticle(
      int shard,
      EngineConfig config,
      List<Rule> rules,
      ShardFindings findings,
      ResidentDirectory residents,
      WorkerExecutor db,
      StoredEvents stored,
      Clock clock,
      AlertingMetrics metrics,
      Inbox inbox,
      IntPredicate owned) {
    this.shard = shard;
    this.config = config;
    this.rules = List.copyOf(rules);
    this.findings = findings;
    this.residents = residents;
    this.db = db;
    this.stored = stored;
    this.clock = clock;
    this.metrics = metrics;
    this.inbox = inbox;
    this.owned = owned;
  }

  @Override
  public Future<?> start() {
    return replay()
        .compose(
            v -> {
              consumers.add(
                  vertx
                      .eventBus()
                      .<ReadingBatch>localConsumer(inbox.readings(), m -> onReadings(m.body())));
              consumers.add(
                  vertx
                      .eventBus()
                      .<EventBatch>localConsumer(inbox.events(), m -> onEvent(m.body())));
              consumers.add(
                  vertx
                      .eventBus()
                      .<StatusChange>localConsumer(inbox.status(), m -> onStatus(m.body())));
              vertx.setPeriodic(config.tick().toMillis(), id -> tick());
              return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
            });
  }

  @Override
  public Future<?> stop() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
  }

  private void onReadings(ReadingBatch batch) {
    withResident(
        batch.device(),
        r -> {
          rules.forEach(rule -> rule.onReadings(batch, r, findings));
          metrics.evaluated(Input.READINGS);
        });
  }

  private void onEvent(EventBatch event) {
    withResident(
        event.device(),
        r -> {
          evaluate(event, r);
          metrics.evaluated(Input.EVENT);
        });
  }

  private void evaluate(EventBatch event, Resident resident) {
    rules.forEach(rule -> rule.onEvent(event, resident, findings));
  }

  private void onStatus(StatusChange change) {
    withResident(
        change.device(),
        r -> {
          rules.forEach(rule -> rule.onStatus(change, r, findings));
          metrics.evaluated(Input.STATUS);
        });
  }

  private void tick() {
    long start = System.nanoTime();
    int examined = 0;
    int devices = 0;
    for (Resident r : residents.all()) {
      examined++;
      if (ours(r.key())) {
        devices += r.devices().size();
        rules.forEach(rule -> rule.onTick(r, findings));
      }
    }
    metrics.ticked(examined, devices, System.nanoTime() - start);
  }

  /**
   * Runs the work for the device's resident if this shard owns them. A resident enrolled since the
   * directory was loaded is loaded first, off the event loop, and the work runs when that returns.
   */
  private void withResident(Device device, Consumer<Resident> work) {
    int key = device.residentKey();
    if (config.shardOf(key) != shard) {
      return;
    }
    residents
        .get(key)
        .ifPresentOrElse(
            work,
            () ->
                db.executeBlocking(() -> residents.reload(key), false)
                    .onSuccess(
                        loaded ->
                            loaded.ifPresentOrElse(
                                work,
                                () -> LOG.warn("no resident {} for device {}", key, device.id())))
                    .onFailure(
                        e -> LOG.error("could not load resident {}: {}", key, e.getMessage())));
  }

  /** Whether this shard keeps the resident's state: on this node and in this shard. */
  private boolean ours(int residentKey) {
    return config.shardOf(residentKey) == shard && owned.test(residentKey);
  }

  private Future<Void> replay() {
    if (config.replay().isZero()) {
      return Future.succeededFuture();
    }
    Map<Integer, Device> devices = new HashMap<>();
    for (Resident r : residents.all()) {
      if (ours(r.key())) {
        r.devices().forEach(d -> devices.put(d.key(), d));
      }
    }
    return db.executeBlocking(
            () -> stored.since(clock.instant().minus(config.replay()), devices), false)
        .map(
            events -> {
              findings.replaying(true);
              try {
                events.forEach(e -> withResident(e.device(), r -> evaluate(e, r)));
                tick();
              } finally {
                findings.replaying(false);
              }
              LOG.debug("shard {} replayed {} stored events", shard, events.size());
              return null;
            });
  }
}

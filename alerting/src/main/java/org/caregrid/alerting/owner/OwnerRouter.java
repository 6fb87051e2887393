package org.caregrid.alerting.owner;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.caregrid.alerting.engine.Inbox;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.StatusChange;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.reading.ReadingBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what this node's ingest accepts to the node that owns the resident, over the clustered
 * event bus, until that node confirms, and hands what arrives for this node to the local rule
 * shards ({@link Inbox#OWNED}). While the shards are rebuilt after a membership change, arriving
 * input is held and passed on once they listen, so nothing that reached this node is skipped.
 */
public final class OwnerRouter extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerRouter.class);
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);
  private static final DeliveryOptions HAND_OFF = new DeliveryOptions().setSendTimeout(2_000);
  private static final long RETRY_MS = 250;
  private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Members members;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private final ArrayDeque<Runnable> held = new ArrayDeque<>();
  private volatile OwnerTable table;
  private volatile boolean holding = true;

  public OwnerRouter(Members members) {
    this.members = members;
    this.table = OwnerTable.of(members.current());
  }

  /** Whether this node owns the resident's rule state under the current table. */
  public boolean ownsHere(int residentKey) {
    return members.self().equals(table.ownerOf(residentKey));
  }

  @Override
  public Future<?> start() {
    route(Addresses.READINGS, Inbox.OWNED.readings(), ReadingBatch::device);
    route(Addresses.EVENTS, Inbox.OWNED.events(), EventBatch::device);
    route(Addresses.DEVICE_STATUS, Inbox.OWNED.status(), StatusChange::device);
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
  }

  /**
   * Holds routed input and recomputes the owners from the current members at once, on the calling
   * thread: hand-offs to a dead owner fail and are retried every 250 ms, and under load they would
   * otherwise go on for as long as this verticle's busy loop takes to reach the change. Completes
   * on this verticle's context once nothing more reaches the shards.
   */
  public Future<Void> hold() {
    holding = true;
    table = OwnerTable.of(members.current());
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> done.complete());
    return done.future();
  }

  /** Passes on what was held, in arrival order, and lets new input through. */
  public void release() {
    context.runOnContext(
        v -> {
          holding = false;
          while (!held.isEmpty()) {
            held.poll().run();
          }
        });
  }

  private <T> void route(String accepted, String owned, Function<T, Device> device) {
    String mine = nodeAddress(members.self(), owned);
    consumers.add(
        vertx
            .eventBus()
            .<T>localConsumer(
                accepted,
                m ->
                    handOff(
                        owned,
                        m.body(),
                        device.apply(m.body()).residentKey(),
                        System.nanoTime() + GIVE_UP_NANOS)));
    // What another node routed here is ours by its table; during a change of members the tables
    // may briefly differ, and evaluating it here is safe because alerts are deduplicated.
    consumers.add(
        vertx
            .eventBus()
            .<T>consumer(
                mine,
                m -> {
                  deliver(owned, m.body());
                  m.reply(null);
                }));
  }

  /**
   * Delivers here or hands to the owner, who confirms. Without a confirmation (the owner died, or
   * is slow) it is tried again with the owners of that moment: once the members agree the owner is
   * dead, the survivor that now owns the resident gets it. Ingest publishes before its commit, so
   * the new owner's replay alone could miss an event that was in flight to the dead node.
   */
  private void handOff(String owned, Object body, int residentKey, long giveUpAt) {
    String owner = table.ownerOf(residentKey);
    if (owner.equals(members.self())) {
      deliver(owned, body);
      return;
    }
    vertx
        .eventBus()
        .request(nodeAddress(owner, owned), body, HAND_OFF)
        .onFailure(
            e -> {
              if (System.nanoTime() - giveUpAt > 0) {
                LOG.error(
                    "Gave up handing input for resident {} to its owner: {}",
                    residentKey,
                    e.getMessage());
              } else {
                vertx.setTimer(RETRY_MS, t -> handOff(owned, body, residentKey, giveUpAt));
              }
            });
  }

  private void deliver(String owned, Object body) {
    if (holding) {
      held.add(() -> vertx.eventBus().publish(owned, body, LOCAL));
    } else {
      vertx.eventBus().publish(owned, body, LOCAL);
    }
  }

  private static String nodeAddress(String node, String owned) {
    return owned + "." + node;
  }
}

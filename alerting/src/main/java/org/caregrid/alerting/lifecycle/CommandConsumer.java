package org.caregrid.alerting.lifecycle;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.util.Locale;
import org.caregrid.alerting.alert.AlertListener;
import org.caregrid.alerting.alert.Change;
import org.caregrid.alerting.alert.Responder;
import org.caregrid.core.alert.AlertCommand;
import org.caregrid.core.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers staff commands sent on {@code care.alerts.commands}: carries each out on the database
 * worker pool, replies with the changed alert (or fails with the HTTP status to show), and tells
 * the listener what changed and who changed it (an accept with the station and the resident's SOS
 * pendants, so they hear that help is coming).
 */
public final class CommandConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(CommandConsumer.class);

  private final Vertx vertx;
  private final WorkerExecutor db;
  private final AlertCommands commands;
  private final Clock clock;
  private final AlertListener listener;
  private MessageConsumer<AlertCommand> consumer;

  public CommandConsumer(
      Vertx vertx, WorkerExecutor db, AlertCommands commands, Clock clock, AlertListener listener) {
    this.vertx = vertx;
    this.db = db;
    this.commands = commands;
    this.clock = clock;
    this.listener = listener;
  }

  public Future<Void> start() {
    consumer = vertx.eventBus().consumer(Addresses.ALERT_COMMANDS, this::handle);
    return consumer.completion();
  }

  public Future<Void> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void handle(Message<AlertCommand> message) {
    AlertCommand command = message.body();
    db.executeBlocking(() -> commands.apply(command, clock.instant()), false)
        .onSuccess(
            applied -> {
              message.reply(applied.alert());
              LOG.info(
                  "Alert {}: {} by {}",
                  command.alertId(),
                  command.action().name().toLowerCase(Locale.ROOT),
                  command.actor());
              Change change = Change.of(command);
              if (command.action() == AlertCommand.Action.ACCEPT) {
                listener.accepted(
                    applied.alert(),
                    change,
                    new Responder(applied.stationName(), applied.pendants()));
              } else {
                listener.changed(applied.alert(), change);
              }
            })
        .onFailure(
            e -> {
              if (e instanceof CommandRefused refused) {
                message.fail(refused.status(), refused.getMessage());
              } else {
                LOG.error("command on alert {} failed: {}", command.alertId(), e.getMessage());
                message.fail(500, "could not change the alert");
              }
            });
  }
}

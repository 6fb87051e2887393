package org.caregrid.alerting.lifecycle;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Consumer;
import org.caregrid.alerting.notify.PendantCommands;
import org.caregrid.alerting.routing.Escalations;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertCommand;
import org.caregrid.core.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers staff commands sent on {@code care.alerts.commands}: carries each out on the database
 * worker pool, replies with the changed alert (or fails with the HTTP status to show), announces
 * the change, stops the escalation timer of an alert someone took, and on accept tells the
 * resident's pendant that help is coming.
 */
public final class CommandConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(CommandConsumer.class);

  private final Vertx vertx;
  private final WorkerExecutor db;
  private final AlertCommands commands;
  private final Clock clock;
  private final Escalations escalations;
  private final PendantCommands pendants;
  private final Consumer<AlertChange> announce;
  private MessageConsumer<AlertCommand> consumer;

  public CommandConsumer(
      Vertx vertx,
      WorkerExecutor db,
      AlertCommands commands,
      Clock clock,
      Escalations escalations,
      PendantCommands pendants,
      Consumer<AlertChange> announce) {
    this.vertx = vertx;
    this.db = db;
    this.commands = commands;
    this.clock = clock;
    this.escalations = escalations;
    this.pendants = pendants;
    this.announce = announce;
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
              if (!applied.alert().state().isOpen()
                  || command.action() == AlertCommand.Action.ACCEPT) {
                escalations.cancel(command.alertId());
              }
              if (!applied.pendants().isEmpty()) {
                pendants.helpComing(command.alertId(), applied.stationName(), applied.pendants());
              }
              announce.accept(applied.alert());
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

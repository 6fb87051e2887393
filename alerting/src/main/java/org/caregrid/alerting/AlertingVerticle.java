package org.caregrid.alerting;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.caregrid.alerting.alert.Alerts;
import org.caregrid.alerting.alert.JdbcAlertStore;
import org.caregrid.alerting.lifecycle.AlertCommands;
import org.caregrid.alerting.lifecycle.CommandConsumer;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.notify.HelpRequestSender;
import org.caregrid.alerting.notify.JdbcWebhookDeliveries;
import org.caregrid.alerting.notify.MqttPublisher;
import org.caregrid.alerting.notify.PendantCommands;
import org.caregrid.alerting.notify.StationMqttNotifier;
import org.caregrid.alerting.notify.WebhookNotifier;
import org.caregrid.alerting.routing.Escalations;
import org.caregrid.alerting.routing.HelpRequestBuilder;
import org.caregrid.alerting.routing.JdbcRouteStore;
import org.caregrid.alerting.routing.Router;
import org.caregrid.alerting.routing.Tier;
import org.caregrid.core.config.MqttConfig;

/**
 * The alert desk: turns what the rule shards find into stored, routed alerts, sends the help
 * requests, runs the escalation timers and answers staff commands. Everything that is not rule
 * state lives on this verticle's event loop; JDBC runs on the database worker pool.
 */
public final class AlertingVerticle extends VerticleBase {
  private static final Duration SEND_RETRY = Duration.ofSeconds(1);

  private final String nodeName;
  private final DataSource dataSource;
  private final WorkerExecutor db;
  private final MqttConfig broker;
  private final AlertingConfig config;
  private final AlertingMetrics metrics;
  private final Clock clock;
  private MqttPublisher publisher;
  private WebhookNotifier webhook; // null when no webhook is configured
  private Escalations escalations;
  private CommandConsumer commands;
  private Alerts alerts;

  public AlertingVerticle(
      String nodeName,
      DataSource dataSource,
      WorkerExecutor db,
      MqttConfig broker,
      AlertingConfig config,
      AlertingMetrics metrics,
      Clock clock) {
    this.nodeName = nodeName;
    this.dataSource = dataSource;
    this.db = db;
    this.broker = broker;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Where the rule shards hand their findings; set once this verticle has started. */
  public Alerts alerts() {
    return alerts;
  }

  @Override
  public Future<?> start() {
    publisher = new MqttPublisher(vertx, broker, config.notifications().mqtt(), nodeName);
    webhook =
        config.notifications().webhook().enabled()
            ? new WebhookNotifier(
                vertx,
                config.notifications().webhook(),
                new JdbcWebhookDeliveries(dataSource, db),
                metrics,
                clock)
            : null;
    JdbcRouteStore routes =
        new JdbcRouteStore(
            dataSource, new Router(Tier.DISTRICT), new HelpRequestBuilder(config.routing()));
    JdbcAlertStore store = new JdbcAlertStore(dataSource, routes);
    HelpRequestSender sender =
        new HelpRequestSender(
            vertx,
            db,
            new StationMqttNotifier(publisher, metrics),
            webhook == null ? List.of() : List.of(webhook),
            store,
            clock,
            SEND_RETRY,
            change -> alerts.announce(change));
    escalations =
        new Escalations(
            vertx,
            db,
            routes,
            clock,
            config.routing().sweepEvery(),
            e -> {
              metrics.escalated(e.alert().severity());
              alerts.announce(e.alert());
              sender.send(e.requests());
            });
    alerts =
        new Alerts(
            vertx,
            db,
            store,
            clock,
            metrics,
            requests -> {
              sender.send(requests);
              if (!requests.isEmpty()) {
                escalations.schedule(requests.get(0).alertId(), requests.get(0).acceptBy());
              }
            });
    commands =
        new CommandConsumer(
            vertx,
            db,
            new AlertCommands(dataSource),
            clock,
            escalations,
            new PendantCommands(publisher, clock, metrics),
            change -> alerts.announce(change));
    return publisher.start().compose(v -> escalations.start()).compose(v -> commands.start());
  }

  @Override
  public Future<?> stop() {
    escalations.stop();
    if (webhook != null) {
      webhook.close();
    }
    return commands.stop().compose(v -> publisher.stop());
  }
}

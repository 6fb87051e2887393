package org.caregrid.alerting;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.caregrid.alerting.alert.AlertListeners;
import org.caregrid.alerting.alert.Alerts;
import org.caregrid.alerting.alert.AnswerTimes;
import org.caregrid.alerting.alert.JdbcAlertStore;
import org.caregrid.alerting.escalation.Escalations;
import org.caregrid.alerting.lifecycle.AlertCommands;
import org.caregrid.alerting.lifecycle.CommandConsumer;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.notify.Dispatcher;
import org.caregrid.alerting.notify.JdbcWebhookDeliveries;
import org.caregrid.alerting.notify.MqttPublisher;
import org.caregrid.alerting.notify.PendantCommands;
import org.caregrid.alerting.notify.StationMqttNotifier;
import org.caregrid.alerting.notify.UnsentRequests;
import org.caregrid.alerting.notify.WebhookNotifier;
import org.caregrid.alerting.routing.HelpRequestBuilder;
import org.caregrid.alerting.routing.JdbcRouteStore;
import org.caregrid.alerting.routing.JdbcUnsentRequests;
import org.caregrid.alerting.routing.Router;
import org.caregrid.alerting.routing.Tier;
import org.caregrid.core.config.MqttConfig;

/**
 * The alert desk: turns what the rule shards find into stored, routed alerts, sends the help
 * requests, runs the escalation timers and answers staff commands. {@link Alerts}, {@link
 * Escalations} and {@link CommandConsumer} store each change, then tell the listeners: the
 * escalation timers and the {@link Dispatcher}, which tells stations, pendants and consoles.
 * Everything that is not rule state lives on this verticle's event loop; JDBC runs on the database
 * worker pool.
 */
public final class AlertingVerticle extends VerticleBase {
  private static final Duration SEND_RETRY = Duration.ofSeconds(1);
  // A route the broker has not acknowledged 3 s after its commit, with the routing node retrying
  // every second, is taken for one whose node died; looked for every second, so such a help
  // request goes out within about 4 s of its alert's commit (decision 0030).
  private static final Duration UNSENT_AFTER = Duration.ofSeconds(3);
  private static final Duration UNSENT_SWEEP = Duration.ofSeconds(1);

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
  private UnsentRequests unsent;
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
    AlertListeners listeners = new AlertListeners();
    escalations =
        new Escalations(
            vertx, db, routes, clock, config.routing().sweepEvery(), metrics, listeners);
    alerts =
        new Alerts(vertx, db, new JdbcAlertStore(dataSource, routes), clock, metrics, listeners);
    commands = new CommandConsumer(vertx, db, new AlertCommands(dataSource), clock, listeners);
    listeners.add(escalations);
    listeners.add(new AnswerTimes(metrics));
    StationMqttNotifier station = new StationMqttNotifier(publisher, metrics);
    unsent =
        new UnsentRequests(
            vertx,
            db,
            new JdbcUnsentRequests(dataSource, UNSENT_AFTER, UNSENT_AFTER),
            station,
            alerts,
            clock,
            UNSENT_SWEEP,
            metrics);
    listeners.add(
        new Dispatcher(
            vertx,
            alerts,
            station,
            webhook == null ? List.of() : List.of(webhook),
            new PendantCommands(publisher, clock, metrics),
            clock,
            SEND_RETRY));
    return publisher
        .start()
        .compose(v -> escalations.start())
        .compose(v -> commands.start())
        .onSuccess(v -> unsent.start());
  }

  @Override
  public Future<?> stop() {
    unsent.stop();
    escalations.stop();
    if (webhook != null) {
      webhook.close();
    }
    return commands.stop().compose(v -> publisher.stop());
  }
}

package org.caregrid.alerting;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.caregrid.alerting.engine.Inbox;
import org.caregrid.alerting.engine.RuleEngine;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.metrics.MicrometerAlertingMetrics;
import org.caregrid.alerting.owner.Members;
import org.caregrid.alerting.owner.OwnerRouter;
import org.caregrid.alerting.owner.OwnerTable;
import org.caregrid.alerting.owner.Takeover;
import org.caregrid.alerting.resident.ResidentChanges;
import org.caregrid.alerting.resident.ResidentDirectory;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.core.node.Node;

/**
 * Builds the alerting tier and deploys it: the only wiring class of the module. The residents are
 * loaded first, then the alert desk (store, routing, escalation, notification, commands), then the
 * rule shards, which replay stored events before they listen. In a cluster the shards keep only the
 * residents this node owns, and input reaches them through the {@link OwnerRouter}.
 */
public final class AlertingRole {
  private static final Duration LISTENER_RETRY = Duration.ofSeconds(2);
  private static final String WORKERS = "caregrid-alerting-db";

  private final Node node;
  private final MqttConfig broker;
  private final AlertingConfig config;
  private final Clock clock;
  private final Members members; // null on a single node
  private final List<String> deployments = new ArrayList<>();
  private ResidentChanges changes;
  private WorkerExecutor db;
  private Takeover takeover;

  /** Alerting on a single node: its shards own every resident. */
  public AlertingRole(Node node, MqttConfig broker, AlertingConfig config, Clock clock) {
    this(node, broker, config, clock, null);
  }

  /**
   * Alerting on one node of a cluster: its shards own the residents the {@link OwnerTable} gives
   * this node, and follow the members as they come and go.
   */
  public AlertingRole(
      Node node, MqttConfig broker, AlertingConfig config, Clock clock, Members members) {
    this.node = node;
    this.broker = broker;
    this.config = config;
    this.clock = clock;
    this.members = members;
  }

  public Future<Void> start() {
    AlertingMetrics metrics = new MicrometerAlertingMetrics(node.meters());
    ResidentDirectory residents = new ResidentDirectory(node.dataSource(), config.rules());
    // Alert transactions get threads of their own: on the shared pool they would queue behind
    // ingest's COPY batches, and a help request would wait for telemetry to be written.
    db = node.vertx().createSharedWorkerExecutor(WORKERS, config.databaseWorkers());
    AlertingVerticle desk =
        new AlertingVerticle(node.name(), node.dataSource(), db, broker, config, metrics, clock);
    return db.executeBlocking(
            () -> {
              residents.loadAll();
              return null;
            },
            false)
        .compose(v -> deploy(desk))
        .compose(v -> deployShards(desk, residents, metrics))
        .map(
            v -> {
              changes = new ResidentChanges(node.dataSource(), residents, LISTENER_RETRY);
              changes.start();
              return null;
            });
  }

  private Future<Void> deployShards(
      AlertingVerticle desk, ResidentDirectory residents, AlertingMetrics metrics) {
    RuleEngine engine =
        new RuleEngine(config.engine(), config.rules(), residents, db, clock, metrics);
    if (members == null) {
      return engine
          .deploy(node.vertx(), node.dataSource(), desk.alerts())
          .map(
              ids -> {
                deployments.addAll(ids);
                return null;
              });
    }
    OwnerRouter router = new OwnerRouter(members);
    takeover =
        new Takeover(
            node.vertx(),
            members,
            router,
            () ->
                engine.deploy(
                    node.vertx(), node.dataSource(), desk.alerts(), Inbox.OWNED, router::ownsHere));
    return node.vertx()
        .deployVerticle(router)
        .compose(
            id -> {
              deployments.add(id);
              return takeover.start();
            });
  }

  /** Stops the listener, then undeploys in reverse order: shards first, the desk last. */
  public Future<Void> stop() {
    if (changes != null) {
      changes.close();
    }
    Future<Void> all = takeover == null ? Future.succeededFuture() : takeover.stop();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      all = all.compose(v -> node.vertx().undeploy(id));
    }
    return db == null ? all : all.compose(v -> db.close());
  }

  private Future<Void> deploy(AlertingVerticle desk) {
    return node.vertx()
        .deployVerticle(desk)
        .map(
            id -> {
              deployments.add(id);
              return null;
            });
  }
}

package org.caregrid.alerting.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import javax.sql.DataSource;
import org.caregrid.alerting.alert.Alerts;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.resident.ResidentDirectory;
import org.caregrid.alerting.rule.RuleConfig;

/** Deploys the rule shards, each with a fresh set of rules of its own. */
public final class RuleEngine {
  private final EngineConfig config;
  private final RuleConfig rules;
  private final ResidentDirectory residents;
  private final WorkerExecutor db;
  private final Clock clock;
  private final AlertingMetrics metrics;

  public RuleEngine(
      EngineConfig config,
      RuleConfig rules,
      ResidentDirectory residents,
      WorkerExecutor db,
      Clock clock,
      AlertingMetrics metrics) {
    this.config = config;
    this.rules = rules;
    this.residents = residents;
    this.db = db;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Deploys every shard for a single node; the future holds their deployment ids. */
  public Future<List<String>> deploy(Vertx vertx, DataSource dataSource, Alerts alerts) {
    return deploy(vertx, dataSource, alerts, Inbox.INGEST, residentKey -> true);
  }

  /**
   * Deploys every shard listening on {@code inbox} and keeping the residents {@code owned} says
   * this node owns; the future holds their deployment ids.
   */
  public Future<List<String>> deploy(
      Vertx vertx, DataSource dataSource, Alerts alerts, Inbox inbox, IntPredicate owned) {
    StoredEvents stored = new StoredEvents(dataSource);
    List<Future<String>> shards = new ArrayList<>();
    for (int i = 0; i < config.shards(); i++) {
      shards.add(
          vertx.deployVerticle(
              new ShardVerticle(
                  i,
                  config,
                  Rules.create(rules, clock),
                  new ShardFindings(alerts),
                  residents,
                  db,
                  stored,
                  clock,
                  metrics,
                  inbox,
                  owned)));
    }
    return Future.all(shards).map(all -> all.<String>list());
  }
}

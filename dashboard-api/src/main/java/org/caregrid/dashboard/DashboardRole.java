package org.caregrid.dashboard;

import io.vertx.core.Future;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Route;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.caregrid.core.config.HttpConfig;
import org.caregrid.core.node.Node;
import org.caregrid.dashboard.api.AlertsApi;
import org.caregrid.dashboard.api.RegistryApis;
import org.caregrid.dashboard.api.StationsApi;
import org.caregrid.dashboard.auth.AuthConfig;
import org.caregrid.dashboard.auth.StaffAuth;
import org.caregrid.dashboard.live.AlertStream;
import org.caregrid.dashboard.query.AlertDetailQueries;
import org.caregrid.dashboard.query.AlertQueries;
import org.caregrid.dashboard.query.StationQueries;
import org.caregrid.dashboard.store.AlertActionStore;
import org.caregrid.dashboard.store.StationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the dashboard tier and deploys its HTTP server: the only wiring class of the module. */
public final class DashboardRole {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardRole.class);

  private final Node node;
  private final HttpConfig config;
  private final AuthConfig auth;
  private final HealthChecks health;
  private final Supplier<String> scrape;
  private DashboardVerticle verticle;
  private String deployment;

  /**
   * @param health the node's health checks, served at {@code /health}
   * @param scrape the Prometheus text of the node's meters, served at {@code /metrics}
   */
  public DashboardRole(
      Node node, HttpConfig config, AuthConfig auth, HealthChecks health, Supplier<String> scrape) {
    this.node = node;
    this.config = config;
    this.auth = auth;
    this.health = health;
    this.scrape = scrape;
  }

  public Future<Void> start() {
    verticle =
        new DashboardVerticle(
            config,
            new StaffAuth(node, auth, Clock.systemUTC()),
            new AlertsApi(
                new AlertQueries(node.dataSource()),
                new AlertDetailQueries(node.dataSource(), Clock.systemUTC()),
                new AlertActionStore(node.dataSource()),
                node.db(),
                node.vertx().eventBus()),
            new StationsApi(
                new StationQueries(node.dataSource()),
                new StationStore(node.dataSource()),
                node.db()),
            new RegistryApis(node.dataSource(), node.db(), Clock.systemUTC()),
            new AlertStream(node.vertx().eventBus(), node.db(), node.dataSource(), node.meters()),
            health,
            scrape);
    return node.vertx()
        .deployVerticle(verticle)
        .map(
            id -> {
              deployment = id;
              LOG.info("Console and API listening on port {}", verticle.port());
              return null;
            });
  }

  /** The bound HTTP port, once started. */
  public int port() {
    return verticle.port();
  }

  /** The routes under {@code /api/v1}, once started. */
  public List<Route> apiRoutes() {
    return verticle.apiRoutes();
  }

  public Future<Void> stop() {
    return deployment == null ? Future.succeededFuture() : node.vertx().undeploy(deployment);
  }
}

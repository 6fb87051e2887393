package org.caregrid.server;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.caregrid.alerting.AlertingRole;
import org.caregrid.core.bus.BusCodecs;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.PskKeyFile;
import org.caregrid.core.metrics.MeterRegistries;
import org.caregrid.core.node.Node;
import org.caregrid.dashboard.DashboardRole;
import org.caregrid.fhir.FhirApi;
import org.caregrid.ingest.IngestRole;
import org.caregrid.server.cluster.HazelcastCluster;
import org.caregrid.server.health.HealthProbes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one node: Vert.x with metrics, the database pool, migrations, then the chosen roles in the
 * order data flows backwards (alerting listens before ingest publishes; the console last).
 */
public final class Launcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
  private static final long STEP_TIMEOUT_S = 60;

  private final Vertx vertx;
  private final HikariDataSource dataSource;
  private final PrometheusMeterRegistry meters;
  private final HazelcastCluster cluster; // null on a single node
  private final List<Supplier<Future<Void>>> stops = new ArrayList<>();
  private HikariDataSource alertingPool; // only with the alerting role
  private DashboardRole dashboard;

  private Launcher(
      Vertx vertx,
      HikariDataSource dataSource,
      PrometheusMeterRegistry meters,
      HazelcastCluster cluster) {
    this.vertx = vertx;
    this.dataSource = dataSource;
    this.meters = meters;
    this.cluster = cluster;
  }

  /**
   * Starts the node and returns once every role is ready.
   *
   * @throws IllegalStateException with a one-line reason when something cannot start
   */
  public static Launcher start(Settings settings, Set<Role> roles) {
    return start(settings, roles, Clock.systemUTC());
  }

  /**
   * Starts the node with {@code clock} as alerting's time: a simulated day can run faster than real
   * time with the rules agreeing with the devices' timestamps.
   */
  public static Launcher start(Settings settings, Set<Role> roles, Clock clock) {
    String roleNames =
        roles.stream()
            .map(r -> r.name().toLowerCase(java.util.Locale.ROOT))
            .sorted()
            .collect(Collectors.joining(","));
    PrometheusMeterRegistry meters = MeterRegistries.prometheus(settings.node().name(), roleNames);
    VertxOptions options =
        new VertxOptions()
            .setMetricsOptions(
                // Event-bus meters cost a tagged counter look-up per message on ingest's
                // hot path; ingest and alerting count their own messages.
                new MicrometerMetricsOptions()
                    .setEnabled(true)
                    .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS));
    VertxBuilder builder =
        Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(meters));
    HazelcastCluster cluster = null;
    Vertx vertx;
    if (settings.cluster().enabled()) {
      cluster = HazelcastCluster.join(settings.cluster(), settings.node().name());
      options.getEventBusOptions().setHost(settings.cluster().host()).setPort(0);
      try {
        vertx =
            awaitValue(
                "the clustered event bus",
                builder.withClusterManager(cluster.clusterManager()).buildClustered());
      } catch (IllegalStateException e) {
        cluster.close();
        throw e;
      }
    } else {
      vertx = builder.build();
    }
    BusCodecs.register(vertx);
    HikariDataSource dataSource;
    try {
      dataSource = DataSources.create(settings.database(), "caregrid");
    } catch (HikariPool.PoolInitializationException e) {
      vertx.close();
      if (cluster != null) {
        cluster.close();
      }
      throw new IllegalStateException(
          "cannot connect to the database at "
              + settings.database().url()
              + " (set database.url / CAREGRID_DATABASE_URL): "
              + rootMessage(e));
    }
    // hikaricp_connections_pending and the rest: the alerting rules watch for an exhausted pool.
    dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
    Launcher launcher = new Launcher(vertx, dataSource, meters, cluster);
    try {
      Migrations.migrate(dataSource, settings.database().storage());
      WorkerExecutor db =
          vertx.createSharedWorkerExecutor("caregrid-db", settings.database().poolSize());
      Node node =
          new Node(
              settings.node().name(),
              vertx,
              dataSource,
              db,
              meters,
              PskKeyFile.cipher(settings.database().pskKeyFile()));
      HealthChecks health = HealthProbes.create(vertx);
      HealthProbes.database(health, node);
      launcher.startRoles(settings, roles, node, health, meters::scrape, clock);
      LOG.info("CareGrid node '{}' running: {}", settings.node().name(), roleNames);
      return launcher;
    } catch (RuntimeException e) {
      launcher.close();
      throw e;
    }
  }

  private void startRoles(
      Settings s,
      Set<Role> roles,
      Node node,
      HealthChecks health,
      Supplier<String> scrape,
      Clock clock) {
    if (roles.contains(Role.ALERTING)) {
      AlertingRole alerting =
          new AlertingRole(alertingNode(s, node), s.mqtt(), s.alerting(), clock, cluster);
      await("alerting", alerting.start());
      stops.add(alerting::stop);
    }
    if (roles.contains(Role.INGEST)) {
      IngestRole ingest = new IngestRole(node, s.mqtt(), s.ingest(), cluster);
      stops.add(ingest::stop);
      await("ingest", ingest.start());
      HealthProbes.broker(health, ingest::brokerConnected);
    }
    if (roles.contains(Role.DASHBOARD)) {
      dashboard = new DashboardRole(node, s.http(), s.auth(), s.city(), s.visits(), health, scrape);
      dashboard.extend(
          new FhirApi(
              vertx,
              node.dataSource(),
              node.db(),
              dashboard.staffAuth().bearerOnly(),
              Clock.systemUTC()));
      await("dashboard", dashboard.start());
      stops.add(dashboard::stop);
    }
  }

  /**
   * The node as alerting sees it: the same but for a connection pool of its own (decision 0031),
   * one connection for each of its worker threads and one for its change listener. Under a full
   * ingest load the readings' writers hold every connection of the shared pool, and an SOS alert, a
   * takeover's replay or an escalation would wait behind them.
   */
  private Node alertingNode(Settings s, Node node) {
    alertingPool =
        DataSources.create(
            s.database().withPoolSize(s.alerting().databaseWorkers() + 1), "caregrid-alerting");
    alertingPool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
    return new Node(node.name(), vertx, alertingPool, node.db(), node.meters(), node.psks());
  }

  /** The node's meters, as {@code /metrics} serves them. */
  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /** The HTTP port the console listens on, when this node runs the dashboard. */
  public int httpPort() {
    if (dashboard == null) {
      throw new IllegalStateException("this node runs no dashboard");
    }
    return dashboard.port();
  }

  private static void await(String what, Future<?> future) {
    awaitValue(what, future);
  }

  private static <T> T awaitValue(String what, Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " did not start: " + rootMessage(e.getCause()), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " did not start within " + STEP_TIMEOUT_S + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + what, e);
    }
  }

  /** Stops the roles in reverse order, then Vert.x and the pool. Safe to call more than once. */
  @Override
  public synchronized void close() {
    for (int i = stops.size() - 1; i >= 0; i--) {
      try {
        await("stopping", stops.get(i).get());
      } catch (IllegalStateException e) {
        LOG.warn("A role did not stop cleanly: {}", e.getMessage());
      }
    }
    stops.clear();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    dataSource.close();
    if (alertingPool != null) {
      alertingPool.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.toString();
  }
}

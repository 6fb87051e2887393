package org.caregrid.dashboard;

import io.vertx.core.Future;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Route;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.caregrid.core.config.HttpConfig;
import org.caregrid.core.node.Node;
import org.caregrid.dashboard.api.AlertsApi;
import org.caregrid.dashboard.api.CityApi;
import org.caregrid.dashboard.api.RegistryApis;
import org.caregrid.dashboard.api.ShiftApis;
import org.caregrid.dashboard.api.StationsApi;
import org.caregrid.dashboard.api.TiersApi;
import org.caregrid.dashboard.auth.AuthConfig;
import org.caregrid.dashboard.auth.StaffAuth;
import org.caregrid.dashboard.bigscreen.BigScreenApi;
import org.caregrid.dashboard.bigscreen.BigScreenQueries;
import org.caregrid.dashboard.city.CityConfig;
import org.caregrid.dashboard.city.CityFeed;
import org.caregrid.dashboard.city.CityJson;
import org.caregrid.dashboard.city.CityLink;
import org.caregrid.dashboard.city.DailyIndicators;
import org.caregrid.dashboard.city.Pseudonyms;
import org.caregrid.dashboard.live.AlertStream;
import org.caregrid.dashboard.query.AlertDetailQueries;
import org.caregrid.dashboard.query.AlertQueries;
import org.caregrid.dashboard.query.StationQueries;
import org.caregrid.dashboard.shift.OpenAlertsSection;
import org.caregrid.dashboard.shift.VisitsDueSection;
import org.caregrid.dashboard.store.StationStore;
import org.caregrid.dashboard.tier.QueueQueries;
import org.caregrid.dashboard.tier.TierQueries;
import org.caregrid.dashboard.visit.JdbcVisitCoverage;
import org.caregrid.dashboard.visit.VisitQueries;
import org.caregrid.dashboard.visit.VisitSchedule;
import org.caregrid.dashboard.visit.VisitsConfig;
import org.caregrid.dashboard.web.HttpExtension;
import org.caregrid.dashboard.web.SecurityHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the dashboard tier and deploys its HTTP server: the only wiring class of the module. */
public final class DashboardRole {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardRole.class);

  /**
   * How long a live stream may outlive its session: one cheap query per open stream this often,
   * against a few seconds more of alert changes to a console nobody is signed in to.
   */
  static final Duration LIVE_SESSION_CHECK = Duration.ofSeconds(2);

  private final Node node;
  private final HttpConfig config;
  private final AuthConfig auth;
  private final HealthChecks health;
  private final Supplier<String> scrape;
  private final CityConfig city;
  private final VisitsConfig visits;
  private final StaffAuth staffAuth;
  private final List<HttpExtension> extensions = new ArrayList<>();
  private DashboardVerticle verticle;
  private String deployment;

  /**
   * @param health the node's health checks, served at {@code /health}
   * @param scrape the Prometheus text of the node's meters, served at {@code /metrics}
   */
  public DashboardRole(
      Node node, HttpConfig config, AuthConfig auth, HealthChecks health, Supplier<String> scrape) {
    this(node, config, auth, CityConfig.defaults(), health, scrape);
  }

  /**
   * @param city the link to the city platform
   */
  public DashboardRole(
      Node node,
      HttpConfig config,
      AuthConfig auth,
      CityConfig city,
      HealthChecks health,
      Supplier<String> scrape) {
    this(node, config, auth, city, VisitsConfig.defaults(), health, scrape);
  }

  /**
   * @param visits how often visits fall due, and when a resident's silence brings one forward
   */
  public DashboardRole(
      Node node,
      HttpConfig config,
      AuthConfig auth,
      CityConfig city,
      VisitsConfig visits,
      HealthChecks health,
      Supplier<String> scrape) {
    this.visits = visits;
    this.node = node;
    this.config = config;
    this.auth = auth;
    this.city = city;
    this.health = health;
    this.scrape = scrape;
    this.staffAuth = new StaffAuth(node, auth, Clock.systemUTC());
  }

  /** Staff sign-in and system tokens, for parts served beside the API (FHIR). */
  public StaffAuth staffAuth() {
    return staffAuth;
  }

  /** Serves {@code extension} too; call before {@link #start}. */
  public DashboardRole extend(HttpExtension extension) {
    extensions.add(extension);
    return this;
  }

  public Future<Void> start() {
    return node.db()
        .executeBlocking(
            () ->
                city.pseudonymKey().isEmpty()
                    ? new CityFeed(node.dataSource()).storedKey()
                    : city.pseudonymKey(),
            false)
        .compose(this::deploy);
  }

  private Future<Void> deploy(String pseudonymKey) {
    Clock clock = Clock.systemUTC();
    VisitSchedule schedule = new VisitSchedule(visits);
    VisitQueries visitQueries = new VisitQueries(node.dataSource(), schedule, clock);
    JdbcVisitCoverage coverage = new JdbcVisitCoverage(visitQueries, clock);
    TierQueries tiers = new TierQueries(node.dataSource(), clock, coverage);
    CityFeed feed = new CityFeed(node.dataSource());
    CityJson cityJson = new CityJson(new Pseudonyms(pseudonymKey));
    DashboardVerticle.Tiers tierParts =
        new DashboardVerticle.Tiers(
            new TiersApi(tiers, new QueueQueries(node.dataSource()), node.db()),
            new BigScreenApi(
                new BigScreenQueries(node.dataSource(), tiers, coverage, clock), node.db()),
            new CityApi(feed, cityJson, tiers, node.db()),
            new CityLink(
                city,
                feed,
                cityJson,
                new DailyIndicators(tiers, feed),
                node.db(),
                clock,
                node.name() + "/" + UUID.randomUUID(),
                node.meters()));
    verticle =
        new DashboardVerticle(
            config,
            staffAuth,
            new AlertsApi(
                new AlertQueries(node.dataSource()),
                new AlertDetailQueries(node.dataSource(), Clock.systemUTC()),
                node.db(),
                node.vertx().eventBus()),
            new StationsApi(
                new StationQueries(node.dataSource()),
                new StationStore(node.dataSource()),
                node.db(),
                new ShiftApis(
                    node.dataSource(),
                    node.db(),
                    // roster days are the district's days, the zone the server runs in
                    Clock.system(ZoneId.systemDefault()),
                    List.of(new OpenAlertsSection(), new VisitsDueSection()))),
            new RegistryApis(
                node.dataSource(), node.db(), node.psks(), clock, schedule, visitQueries),
            new AlertStream(
                node.vertx(), node.db(), node.dataSource(), node.meters(), LIVE_SESSION_CHECK),
            tierParts,
            health,
            scrape,
            extensions,
            new SecurityHeaders(auth.secureCookie()));
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

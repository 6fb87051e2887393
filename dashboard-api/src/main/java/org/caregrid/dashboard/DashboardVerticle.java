package org.caregrid.dashboard;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.caregrid.core.config.HttpConfig;
import org.caregrid.dashboard.api.AlertsApi;
import org.caregrid.dashboard.api.ApiFailures;
import org.caregrid.dashboard.api.CityApi;
import org.caregrid.dashboard.api.OpenApiDocument;
import org.caregrid.dashboard.api.RegistryApis;
import org.caregrid.dashboard.api.StationsApi;
import org.caregrid.dashboard.api.TiersApi;
import org.caregrid.dashboard.auth.StaffAuth;
import org.caregrid.dashboard.bigscreen.BigScreenApi;
import org.caregrid.dashboard.city.CityLink;
import org.caregrid.dashboard.live.AlertStream;
import org.caregrid.dashboard.web.HttpExtension;
import org.caregrid.dashboard.web.SecurityHeaders;

/** The one HTTP server: API, live stream, console, {@code /metrics} and {@code /health}. */
public final class DashboardVerticle extends VerticleBase {
  private final HttpConfig config;
  private final StaffAuth auth;
  private final AlertsApi alerts;
  private final StationsApi stations;
  private final RegistryApis registry;
  private final AlertStream stream;
  private final Tiers tiers;
  private final HealthChecks health;
  private final Supplier<String> scrape;
  private final List<HttpExtension> extensions;
  private final SecurityHeaders headers;
  private HttpServer server;
  private Router api;

  public DashboardVerticle(
      HttpConfig config,
      StaffAuth auth,
      AlertsApi alerts,
      StationsApi stations,
      RegistryApis registry,
      AlertStream stream,
      Tiers tiers,
      HealthChecks health,
      Supplier<String> scrape,
      List<HttpExtension> extensions,
      SecurityHeaders headers) {
    this.config = config;
    this.auth = auth;
    this.alerts = alerts;
    this.stations = stations;
    this.registry = registry;
    this.stream = stream;
    this.tiers = tiers;
    this.health = health;
    this.scrape = scrape;
    this.extensions = List.copyOf(extensions);
    this.headers = headers;
  }

  /**
   * The four-tier parts: the tier views, the big screen, the city platform's pull API, and the city
   * link that runs beside them.
   */
  public record Tiers(TiersApi views, BigScreenApi bigScreen, CityApi city, CityLink link) {}

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(headers);
    api = Router.router(vertx);
    auth.mount(api);
    OpenApiDocument.mount(api);
    api.get("/alerts/stream").handler(stream::handle);
    alerts.mount(api);
    stations.mount(api);
    registry.mount(api);
    tiers.views().mount(api);
    tiers.bigScreen().mount(api, vertx);
    tiers.city().mount(api);
    api.route().failureHandler(ApiFailures::handle);
    router.route("/api/v1/*").subRouter(api);
    extensions.forEach(e -> e.mount(router));
    tiers.link().start(vertx);
    router.get("/metrics").handler(new MetricsEndpoint(config.metricsToken(), scrape));
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(health));
    // The console's files change with each release and are small: browsers revalidate them every
    // time (a 304 when unchanged) rather than run yesterday's console against today's API. They are
    // UTF-8 whatever the JVM's default charset, which Vert.x would otherwise name in Content-Type
    // (US-ASCII where no locale is set, as under a service manager: every Chinese label garbled).
    router
        .route("/*")
        .handler(
            StaticHandler.create("webroot")
                .setMaxAgeSeconds(0)
                .setDefaultContentEncoding(StandardCharsets.UTF_8.name()));
    // HTTP/1.1 only: browsers never ask for cleartext HTTP/2 (h2c), Prometheus scrapes over 1.1,
    // and Java's HttpClient, which asks for h2c by default, had about 1 in 12 upgraded /metrics
    // responses stall here (docs/decisions/0009). Declining the upgrade answers it in HTTP/1.1.
    return vertx
        .createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .requestHandler(router)
        .listen(config.port(), config.host())
        .onSuccess(s -> server = s)
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof BindException
                        ? new IllegalStateException(
                            "port "
                                + config.port()
                                + " is taken; set http.port or CAREGRID_HTTP_PORT to a free one")
                        : e));
  }

  @Override
  public Future<?> stop() {
    tiers.bigScreen().close();
    Future<Void> link = tiers.link().stop();
    return server == null ? link : link.compose(v -> server.close());
  }

  /** The port actually bound (useful when configured as 0). */
  public int port() {
    return server.actualPort();
  }

  /** The routes under {@code /api/v1}, which the contract test holds to the OpenAPI document. */
  public List<Route> apiRoutes() {
    return api.getRoutes();
  }
}

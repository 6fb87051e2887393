package org.caregrid.fhir;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caregrid.core.reading.Metric;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.web.HttpExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FHIR R4 at {@code /fhir/r4} for family doctors' systems: {@code GET metadata} (the capability
 * statement, open), {@code GET Patient/{id}}, {@code GET Patient} (the doctor's patients), {@code
 * GET Observation/{id}} and {@code GET Observation?patient=&date=&code=} as searchset Bundles.
 * Every other request needs a family doctor's bearer token, and sees only the residents signed with
 * that doctor; any other resident does not exist (404). JSON only ({@code application/fhir+json}).
 */
public final class FhirApi implements HttpExtension {
  static final String ROOT = "/fhir/r4";
  private static final String JSON = "application/fhir+json; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(FhirApi.class);

  private final FhirQueries queries;
  private final WorkerExecutor db;
  private final Handler<RoutingContext> bearer;
  private final Clock clock;
  private final Vertx vertx;

  /**
   * @param bearer the dashboard's guard for system accounts with bearer tokens
   */
  public FhirApi(
      Vertx vertx,
      javax.sql.DataSource dataSource,
      WorkerExecutor db,
      Handler<RoutingContext> bearer,
      Clock clock) {
    this.vertx = vertx;
    this.queries = new FhirQueries(dataSource);
    this.db = db;
    this.bearer = bearer;
    this.clock = clock;
  }

  @Override
  public void mount(Router root) {
    Router fhir = Router.router(vertx);
    fhir.get("/metadata").handler(this::metadata);
    fhir.route().handler(bearer);
    fhir.route().handler(this::doctorsOnly);
    fhir.get("/Patient/:id").handler(this::patient);
    fhir.get("/Patient").handler(this::patients);
    fhir.get("/Observation/:id").handler(this::observation);
    fhir.get("/Observation").handler(this::observations);
    fhir.route()
        .handler(ctx -> reply(ctx, 404, FhirResources.outcome("not-found", "no such resource")));
    fhir.route().failureHandler(this::failed);
    root.route(ROOT + "/*").subRouter(fhir);
  }

  private void doctorsOnly(RoutingContext ctx) {
    if (Principal.of(ctx).role() != StaffRole.FAMILY_DOCTOR) {
      reply(ctx, 403, FhirResources.outcome("forbidden", "only family doctors read FHIR here"));
      return;
    }
    ctx.next();
  }

  private void metadata(RoutingContext ctx) {
    reply(ctx, 200, FhirCapability.statement(base(ctx), clock.instant()));
  }

  private void patient(RoutingContext ctx) {
    int doctor = Principal.of(ctx).userId();
    int id = idOrZero(ctx.pathParam("id"));
    db.executeBlocking(() -> queries.patient(doctor, id), false)
        .onSuccess(
            p ->
                p.ifPresentOrElse(
                    row -> reply(ctx, 200, FhirResources.patient(row)),
                    () -> notFound(ctx, "Patient/" + ctx.pathParam("id"))))
        .onFailure(ctx::fail);
  }

  private void patients(RoutingContext ctx) {
    int doctor = Principal.of(ctx).userId();
    db.executeBlocking(() -> queries.patients(doctor, 0), false)
        .onSuccess(
            rows -> {
              List<JsonObject> resources = new ArrayList<>();
              rows.forEach(r -> resources.add(FhirResources.patient(r)));
              reply(
                  ctx,
                  200,
                  FhirResources.searchset(
                      ctx.request().absoluteURI(), null, base(ctx), resources.size(), resources));
            })
        .onFailure(ctx::fail);
  }

  /** {@code {resident}-{sign}-{hour}}: the search for that hour, narrowed to the one resource. */
  private void observation(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String[] parts = id.split("-");
    Optional<VitalSign> sign = parts.length == 3 ? VitalSign.byIdPart(parts[1]) : Optional.empty();
    boolean news2 = parts.length == 3 && parts[1].equals(FhirResources.NEWS2_ID);
    int resident = parts.length == 3 ? idOrZero(parts[0]) : 0;
    long hourNo;
    try {
      hourNo = parts.length == 3 ? Long.parseLong(parts[2]) : -1;
    } catch (NumberFormatException e) {
      hourNo = -1;
    }
    if (resident == 0 || hourNo < 0 || (sign.isEmpty() && !news2)) {
      notFound(ctx, "Observation/" + id);
      return;
    }
    Instant hour = Instant.ofEpochSecond(hourNo * 3600);
    ObservationSearch search =
        new ObservationSearch(
            resident,
            hour,
            hour.plus(Duration.ofHours(1)),
            sign.map(EnumSet::of).orElse(EnumSet.noneOf(VitalSign.class)),
            news2,
            1,
            0);
    int doctor = Principal.of(ctx).userId();
    db.executeBlocking(() -> find(doctor, search), false)
        .onSuccess(
            found -> {
              if (found == null || found.isEmpty()) {
                notFound(ctx, "Observation/" + id);
              } else {
                reply(ctx, 200, found.get(0));
              }
            })
        .onFailure(ctx::fail);
  }

  private void observations(RoutingContext ctx) {
    ObservationSearch search;
    try {
      search =
          ObservationSearch.parse(
              ctx.queryParams().get("patient"),
              ctx.queryParams().getAll("date"),
              ctx.queryParams().get("code"),
              ctx.queryParams().get("_count"),
              ctx.queryParams().get("_offset"),
              clock.instant());
    } catch (ObservationSearch.Invalid e) {
      reply(ctx, 400, FhirResources.outcome("invalid", e.getMessage()));
      return;
    }
    int doctor = Principal.of(ctx).userId();
    db.executeBlocking(() -> find(doctor, search), false)
        .onSuccess(
            found -> {
              if (found == null) {
                notFound(ctx, "Patient/" + search.patient());
                return;
              }
              int end = Math.min(found.size(), search.offset() + search.count());
              List<JsonObject> page =
                  search.offset() >= found.size() ? List.of() : found.subList(search.offset(), end);
              String self = ctx.request().absoluteURI();
              String next = end < found.size() ? withOffset(self, end) : null;
              reply(ctx, 200, FhirResources.searchset(self, next, base(ctx), found.size(), page));
            })
        .onFailure(ctx::fail);
  }

  /** Every matching Observation, hour by hour; null when the patient is not the doctor's. */
  private List<JsonObject> find(int doctor, ObservationSearch s) throws java.sql.SQLException {
    Optional<FhirQueries.PatientRow> patient = queries.patient(doctor, s.patient());
    if (patient.isEmpty()) {
      return null;
    }
    Set<Metric> metrics = EnumSet.noneOf(Metric.class);
    s.signs().forEach(v -> metrics.addAll(v.metrics()));
    if (s.news2()) {
      metrics.addAll(List.of(Metric.RR, Metric.SPO2, Metric.SBP, Metric.HR, Metric.TEMP));
    }
    List<JsonObject> found = new ArrayList<>();
    if (metrics.isEmpty()) {
      return found;
    }
    Instant from = s.from().truncatedTo(ChronoUnit.HOURS);
    Instant now = clock.instant();
    Map<Instant, Map<Metric, Double>> hours =
        queries.hourly(s.patient(), List.copyOf(metrics), from, s.to());
    for (Map.Entry<Instant, Map<Metric, Double>> h : hours.entrySet()) {
      for (VitalSign sign : s.signs()) {
        if (sign.metrics().stream().anyMatch(h.getValue()::containsKey)) {
          found.add(FhirResources.vital(s.patient(), sign, h.getKey(), h.getValue(), now));
        }
      }
      if (s.news2()) {
        JsonObject news2 =
            FhirResources.news2(
                s.patient(), patient.get().copdScale2(), h.getKey(), h.getValue(), now);
        if (news2 != null) {
          found.add(news2);
        }
      }
    }
    return found;
  }

  private static String withOffset(String uri, int offset) {
    String cleaned = uri.replaceAll("([?&])_offset=[^&]*&?", "$1").replaceAll("[?&]$", "");
    return cleaned + (cleaned.contains("?") ? "&" : "?") + "_offset=" + offset;
  }

  private static int idOrZero(String raw) {
    try {
      int id = Integer.parseInt(raw);
      return id > 0 ? id : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String base(RoutingContext ctx) {
    return ctx.request().scheme() + "://" + ctx.request().authority() + ROOT;
  }

  private static void notFound(RoutingContext ctx, String what) {
    reply(ctx, 404, FhirResources.outcome("not-found", what + " is not known"));
  }

  private void failed(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    if (status == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      reply(ctx, 401, FhirResources.outcome("login", "a family doctor's bearer token is needed"));
    } else if (status == 403) {
      reply(ctx, 403, FhirResources.outcome("forbidden", "tokens only read"));
    } else {
      if (ctx.failure() != null) {
        LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
      }
      reply(ctx, 500, FhirResources.outcome("exception", "the server failed; try again"));
    }
  }

  private static void reply(RoutingContext ctx, int status, JsonObject body) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.encode());
    }
  }

  /** For the capability statement: the searches offered. */
  static JsonArray searchParams(String... nameTypes) {
    JsonArray params = new JsonArray();
    for (int i = 0; i < nameTypes.length; i += 2) {
      params.add(new JsonObject().put("name", nameTypes[i]).put("type", nameTypes[i + 1]));
    }
    return params;
  }
}

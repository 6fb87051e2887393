package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.caregrid.core.reading.Metric;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.Bucket;
import org.caregrid.dashboard.query.DeviceQueries;
import org.caregrid.dashboard.query.ReadingQueries;
import org.caregrid.dashboard.query.ResidentQueries;
import org.caregrid.dashboard.query.StationScope;

/**
 * {@code GET /readings}: one metric of a resident (all their devices) or of one device over a time
 * range, bucketed for a chart. Visible to whoever may see the resident.
 */
public final class ReadingsApi {
  private static final Duration DEFAULT_RANGE = Duration.ofHours(24);

  private final ReadingQueries readings;
  private final ResidentQueries residents;
  private final DeviceQueries devices;
  private final WorkerExecutor db;

  public ReadingsApi(
      ReadingQueries readings,
      ResidentQueries residents,
      DeviceQueries devices,
      WorkerExecutor db) {
    this.readings = readings;
    this.residents = residents;
    this.devices = devices;
    this.db = db;
  }

  public void mount(Router api) {
    api.get("/readings").handler(this::chart);
  }

  private void chart(RoutingContext ctx) {
    StationScope scope = Visibility.of(Principal.of(ctx));
    String resident = ctx.queryParams().get("resident");
    String device = ctx.queryParams().get("device");
    if ((resident == null) == (device == null)) {
      throw new ApiFailures.BadRequest("give either resident or device");
    }
    ReadingQueries.Source source =
        resident != null
            ? new ReadingQueries.Source(
                true, ApiFailures.intParam(ctx, "resident", 0, 1, Integer.MAX_VALUE))
            : new ReadingQueries.Source(
                false, ApiFailures.intParam(ctx, "device", 0, 1, Integer.MAX_VALUE));
    String code = ctx.queryParams().get("metric");
    Metric metric =
        Metric.fromCode(code == null ? "" : code)
            .orElseThrow(
                () -> new ApiFailures.BadRequest("metric must be a catalogue code, e.g. hr"));
    Instant to = Params.instant(ctx, "to", Instant.now());
    Instant from = Params.instant(ctx, "from", to.minus(DEFAULT_RANGE));
    if (!from.isBefore(to)) {
      throw new ApiFailures.BadRequest("from must be before to");
    }
    Duration range = Duration.between(from, to);
    String asked = ctx.queryParams().get("bucket");
    Bucket bucket =
        asked == null || asked.equals("auto")
            ? Bucket.auto(range)
            : Bucket.fromCode(asked)
                .orElseThrow(
                    () -> new ApiFailures.BadRequest("bucket must be auto, raw, 1m or 1h"));
    if (range.compareTo(bucket.longestRange()) > 0) {
      throw new ApiFailures.BadRequest(
          "bucket "
              + bucket.code()
              + " covers at most "
              + bucket.longestRange().toDays()
              + " days");
    }
    Blocking.answer(
        db,
        ctx,
        () ->
            visible(scope, source)
                ? Optional.of(RegistryJson.chart(readings.chart(source, metric, from, to, bucket)))
                : Optional.<JsonObject>empty(),
        found -> Replies.found(ctx, 200, found));
  }

  private boolean visible(StationScope scope, ReadingQueries.Source source) throws Exception {
    Optional<Integer> resident =
        source.resident() ? Optional.of(source.id()) : devices.residentOf(source.id());
    return resident.isPresent() && residents.isVisible(scope, resident.get());
  }
}

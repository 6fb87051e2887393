package org.caregrid.dashboard.api;

import static org.caregrid.dashboard.api.AlertJson.array;
import static org.caregrid.dashboard.api.AlertJson.time;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;
import org.caregrid.dashboard.query.Chart;
import org.caregrid.dashboard.query.DeviceEventView;
import org.caregrid.dashboard.query.DeviceView;
import org.caregrid.dashboard.query.HomeView;
import org.caregrid.dashboard.query.Page;
import org.caregrid.dashboard.query.ResidentDetail;
import org.caregrid.dashboard.query.ResidentView;

/**
 * The JSON of the registry's resources (residents, homes, devices, events, charts) as the OpenAPI
 * document describes it: a wire contract, so names and shapes change only with the document.
 */
public final class RegistryJson {
  private RegistryJson() {}

  /** {@code {items, total}}. */
  public static <T> JsonObject page(Page<T> page, Function<T, JsonObject> item) {
    return new JsonObject().put("items", array(page.items(), item)).put("total", page.total());
  }

  public static JsonObject device(DeviceView d) {
    return new JsonObject()
        .put("id", d.id())
        .put("uid", d.uid())
        .put("kind", d.kind())
        .put("homeId", d.homeId())
        .put("residentId", d.residentId())
        .put("expectedIntervalS", d.expectedIntervalS())
        .put("active", d.active())
        .put("online", d.online())
        .put("lastSeen", time(d.lastSeen()))
        .put("battery", d.battery())
        .put("residentName", d.residentName())
        .put("address", d.address())
        .put("stationName", d.stationName())
        .put("enrolledAt", time(d.enrolledAt()));
  }

  public static JsonObject home(HomeView h) {
    return new JsonObject()
        .put("id", h.id())
        .put("address", h.address())
        .put("community", h.community())
        .put("lat", h.lat())
        .put("lon", h.lon())
        .put("timeZone", h.timeZone());
  }

  public static JsonArray homes(List<HomeView> homes) {
    return array(homes, RegistryJson::home);
  }

  /** A resident; with {@code carePlan} when the view carries it. */
  public static JsonObject resident(ResidentView r) {
    JsonObject json =
        new JsonObject()
            .put("id", r.id())
            .put("name", r.name())
            .put("birthYear", r.birthYear())
            .put("age", r.age())
            .put("livesAlone", r.livesAlone())
            .put("dementia", r.dementia())
            .put("copdScale2", r.copdScale2())
            .put("homeId", r.homeId())
            .put("address", r.address())
            .put("community", r.community())
            .put("openAlerts", r.openAlerts());
    return r.carePlan() == null ? json : json.put("carePlan", r.carePlan());
  }

  public static JsonObject residentDetail(ResidentDetail d) {
    return new JsonObject()
        .put("resident", resident(d.resident()))
        .put("home", home(d.home()))
        .put("devices", array(d.devices(), RegistryJson::device))
        .put("latestVitals", array(d.latestVitals(), AlertJson::vital));
  }

  public static JsonArray events(List<DeviceEventView> events) {
    return array(
        events,
        e ->
            new JsonObject()
                .put("at", time(e.at()))
                .put("deviceId", e.deviceId())
                .put("type", e.type())
                .put("data", e.data()));
  }

  /** {@code {metric, unit, bucket, points}}, each point {@code {t, mean, min, max, n}}. */
  public static JsonObject chart(Chart c) {
    return new JsonObject()
        .put("metric", c.metric().code())
        .put("unit", c.metric().ucum())
        .put("bucket", c.bucket().code())
        .put(
            "points",
            array(
                c.points(),
                p ->
                    new JsonObject()
                        .put("t", time(p.t()))
                        .put("mean", p.mean())
                        .put("min", p.min())
                        .put("max", p.max())
                        .put("n", p.n())));
  }
}

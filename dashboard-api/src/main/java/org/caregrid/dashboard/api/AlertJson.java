package org.caregrid.dashboard.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.caregrid.dashboard.query.AlertDetail;
import org.caregrid.dashboard.query.AlertView;

/** The JSON shape of an alert in the API and the live stream (the OpenAPI schema {@code Alert}). */
public final class AlertJson {
  private AlertJson() {}

  public static JsonObject of(AlertView a) {
    return new JsonObject()
        .put("id", a.id())
        .put("kind", a.kind())
        .put("severity", a.severity())
        .put("state", a.state())
        .put("residentId", a.residentId())
        .put("residentName", a.residentName())
        .put("deviceId", a.deviceId())
        .put("stationId", a.stationId())
        .put("stationName", a.stationName())
        .put("step", a.step())
        .put("adviseEmergencyCall", a.adviseEmergencyCall())
        .put("occurrences", a.occurrences())
        .put("detail", a.detail())
        .put("finding", json(a.finding()))
        .put("outcome", a.outcome())
        .put("raisedAt", time(a.raisedAt()))
        .put("lastSeenAt", time(a.lastSeenAt()))
        .put("notifiedAt", time(a.notifiedAt()))
        .put("acceptDeadline", time(a.acceptDeadline()))
        .put("unansweredSince", time(a.unansweredSince()))
        .put("acceptedAt", time(a.acceptedAt()))
        .put("onSiteAt", time(a.onSiteAt()))
        .put("closedAt", time(a.closedAt()));
  }

  static JsonObject detail(AlertDetail d) {
    AlertDetail.Resident r = d.resident();
    AlertDetail.Home h = d.home();
    return new JsonObject()
        .put("alert", of(d.alert()))
        .put(
            "resident",
            new JsonObject()
                .put("id", r.id())
                .put("name", r.name())
                .put("birthYear", r.birthYear())
                .put("age", r.age())
                .put("livesAlone", r.livesAlone())
                .put("dementia", r.dementia())
                .put("copdScale2", r.copdScale2()))
        .put(
            "home",
            new JsonObject()
                .put("id", h.id())
                .put("address", h.address())
                .put("community", h.community())
                .put("lat", h.lat())
                .put("lon", h.lon()))
        .put(
            "stations",
            array(
                d.stations(),
                s ->
                    new JsonObject()
                        .put("id", s.id())
                        .put("code", s.code())
                        .put("name", s.name())
                        .put("tier", s.tier())
                        .put("lat", s.lat())
                        .put("lon", s.lon())
                        .put("step", s.step())
                        .put("routedAt", time(s.routedAt()))
                        .put("acceptBy", time(s.acceptBy()))))
        .put("latestVitals", array(d.latestVitals(), AlertJson::vital))
        .put(
            "audit",
            array(
                d.audit(),
                e ->
                    new JsonObject()
                        .put("at", time(e.at()))
                        .put("actor", e.actor())
                        .put("actorName", e.actorName())
                        .put("action", e.action())
                        .put("note", e.note())
                        .put("params", json(e.params()))));
  }

  /** The newest value of one vital sign. */
  static JsonObject vital(AlertDetail.Vital v) {
    return new JsonObject()
        .put("metric", v.metric())
        .put("value", v.value())
        .put("unit", v.unit())
        .put("at", time(v.at()))
        .put("expectedEverySeconds", v.expectedEvery().toSeconds());
  }

  static <T> JsonArray array(List<T> items, Function<T, JsonObject> json) {
    return items.stream().map(json).collect(JsonArray::new, JsonArray::add, JsonArray::addAll);
  }

  private static JsonObject json(String stored) {
    return stored == null ? null : new JsonObject(stored);
  }

  static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}

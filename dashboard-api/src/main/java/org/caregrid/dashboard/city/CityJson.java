package org.caregrid.dashboard.city;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The city feed's JSON, version 1 ({@code schema: caregrid.city/v1}; OpenAPI {@code CityRecord}). A
 * record's JSON depends on the stored row alone, so every delivery of it is byte for byte the same.
 * The resident appears only as a pseudonym.
 */
public final class CityJson {
  public static final String SCHEMA = "caregrid.city/v1";

  private final Pseudonyms pseudonyms;

  public CityJson(Pseudonyms pseudonyms) {
    this.pseudonyms = pseudonyms;
  }

  public JsonObject of(CityRecord r) {
    JsonObject json =
        new JsonObject()
            .put("schema", SCHEMA)
            .put("type", r.type())
            .put("key", r.key())
            .put("seq", r.seq())
            .put("unit", r.unit())
            .put("createdAt", r.createdAt().toString());
    if (r.alert() != null) {
      CityRecord.AlertChange a = r.alert();
      json.put(
          "alertChange",
          new JsonObject()
              .put("alertId", a.alertId())
              .put("change", a.change())
              .put("action", a.action())
              .put("at", time(a.at()))
              .put("resident", pseudonyms.of(a.residentId()))
              .put("kind", a.kind())
              .put("severity", a.severity())
              .put("state", a.state())
              .put("step", a.step())
              .put("tier", a.tier())
              .put("station", a.station())
              .put("outcome", a.outcome())
              .put("raisedAt", time(a.raisedAt()))
              .put("notifiedAt", time(a.notifiedAt()))
              .put("acceptedAt", time(a.acceptedAt()))
              .put("onSiteAt", time(a.onSiteAt()))
              .put("closedAt", time(a.closedAt())));
    } else {
      json.put(
          "dailyIndicators",
          new JsonObject()
              .put("day", r.daily().day().toString())
              .put("indicators", r.daily().indicators()));
    }
    return json;
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}

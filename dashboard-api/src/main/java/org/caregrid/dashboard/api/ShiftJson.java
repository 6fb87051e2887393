package org.caregrid.dashboard.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.caregrid.dashboard.shift.Handover;
import org.caregrid.dashboard.shift.Member;
import org.caregrid.dashboard.shift.RosterSlot;
import org.caregrid.dashboard.shift.Shift;

/** Rosters and handover notes as the API writes them. */
final class ShiftJson {
  private ShiftJson() {}

  static JsonObject member(Member m) {
    return new JsonObject()
        .put("id", m.id())
        .put("login", m.login())
        .put("displayName", m.displayName())
        .put("role", m.role());
  }

  static JsonObject shift(Shift s) {
    return new JsonObject()
        .put("code", s.code())
        .put("starts", s.starts().toString())
        .put("ends", s.ends().toString());
  }

  static JsonArray shifts() {
    JsonArray all = new JsonArray();
    for (Shift s : Shift.values()) {
      all.add(shift(s));
    }
    return all;
  }

  static JsonObject slot(RosterSlot s) {
    return new JsonObject()
        .put("day", s.day().toString())
        .put("shift", s.shift().code())
        .put("staff", AlertJson.array(s.staff(), ShiftJson::member));
  }

  static JsonObject handover(Handover h) {
    return new JsonObject()
        .put("id", h.id())
        .put("stationId", h.stationId())
        .put("writtenAt", AlertJson.time(h.writtenAt()))
        .put("writtenBy", member(h.writtenBy()))
        .put("summary", h.summary())
        .put("note", h.note())
        .put("acknowledgedAt", AlertJson.time(h.acknowledgedAt()))
        .put("acknowledgedBy", h.acknowledgedBy() == null ? null : member(h.acknowledgedBy()));
  }
}

package org.caregrid.dashboard.api;

import static org.caregrid.dashboard.api.AlertJson.time;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.caregrid.dashboard.care.CallAttempt;
import org.caregrid.dashboard.care.Contact;
import org.caregrid.dashboard.care.Contacts;
import org.caregrid.dashboard.care.FamilyDoctor;
import org.caregrid.dashboard.care.HandoverCard;
import org.caregrid.dashboard.care.MedicalSummary;

/**
 * The JSON of contacts, medical summaries, calls and handover cards, as the OpenAPI document says.
 */
final class CareJson {
  private CareJson() {}

  static JsonObject contacts(Contacts c) {
    JsonArray list = new JsonArray();
    for (Contact k : c.contacts()) {
      list.add(
          new JsonObject()
              .put("order", k.order())
              .put("name", k.name())
              .put("relationship", k.relationship())
              .put("phone", k.phone())
              .put("holdsKey", k.holdsKey()));
    }
    return new JsonObject()
        .put("phone", c.residentPhone())
        .put("contacts", list)
        .put("doctor", doctor(c.doctor()));
  }

  private static JsonObject doctor(FamilyDoctor d) {
    return d == null
        ? null
        : new JsonObject()
            .put("id", d.id())
            .put("name", d.name())
            .put("clinic", d.clinic())
            .put("phone", d.phone());
  }

  static JsonObject medical(MedicalSummary m) {
    return new JsonObject()
        .put("conditions", m.conditions())
        .put("medicines", m.medicines())
        .put("allergies", m.allergies())
        .put("mobility", m.mobility())
        .put("preferredHospital", m.preferredHospital())
        .put("keyHolders", m.keyHolders())
        .put("keySafeCodeOnRecord", m.keySafeCodeOnRecord());
  }

  static JsonObject call(CallAttempt c) {
    return new JsonObject()
        .put("id", c.id())
        .put("at", time(c.at()))
        .put("by", c.login())
        .put("callee", c.callee().code())
        .put("phone", c.phone())
        .put("outcome", c.outcome().code())
        .put("note", c.note());
  }

  static JsonArray calls(List<CallAttempt> calls) {
    return AlertJson.array(calls, CareJson::call);
  }

  static JsonObject handover(HandoverCard h) {
    return new JsonObject()
        .put("alertId", h.alertId())
        .put(
            "resident",
            new JsonObject()
                .put("id", h.residentId())
                .put("name", h.name())
                .put("birthYear", h.birthYear())
                .put("address", h.address())
                .put("community", h.community()))
        .put("contacts", contacts(h.contacts()))
        .put("medical", medical(h.medical()))
        .put("mayShowDoorCode", h.mayShowDoorCode());
  }
}

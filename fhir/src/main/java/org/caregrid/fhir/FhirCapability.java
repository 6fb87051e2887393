package org.caregrid.fhir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The server's CapabilityStatement: what a doctor's system may read here. */
final class FhirCapability {
  private FhirCapability() {}

  static JsonObject statement(String base, Instant now) {
    JsonArray readSearch =
        new JsonArray()
            .add(new JsonObject().put("code", "read"))
            .add(new JsonObject().put("code", "search-type"));
    return new JsonObject()
        .put("resourceType", "CapabilityStatement")
        .put("status", "active")
        .put("date", LocalDate.ofInstant(now, ZoneOffset.UTC).toString())
        .put("publisher", "CareGrid")
        .put("kind", "instance")
        .put("software", new JsonObject().put("name", "CareGrid"))
        .put(
            "implementation",
            new JsonObject().put("description", "CareGrid FHIR R4").put("url", base))
        .put("fhirVersion", "4.0.1")
        .put("format", new JsonArray().add("json"))
        .put(
            "rest",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("mode", "server")
                        .put(
                            "security",
                            new JsonObject()
                                .put(
                                    "description",
                                    "A family doctor's bearer token (Authorization: Bearer);"
                                        + " only residents signed with that doctor are visible."))
                        .put(
                            "resource",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("type", "Patient")
                                        .put("interaction", readSearch))
                                .add(
                                    new JsonObject()
                                        .put("type", "Observation")
                                        .put(
                                            "supportedProfile",
                                            new JsonArray()
                                                .add(
                                                    "http://hl7.org/fhir/StructureDefinition/vitalsigns"))
                                        .put("interaction", readSearch)
                                        .put(
                                            "searchParam",
                                            FhirApi.searchParams(
                                                "patient",
                                                "reference",
                                                "date",
                                                "date",
                                                "code",
                                                "token"))))));
  }
}

package org.caregrid.fhir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.caregrid.alerting.rule.Consciousness;
import org.caregrid.alerting.rule.news2.News2;
import org.caregrid.alerting.rule.news2.News2Score;
import org.caregrid.core.reading.Metric;

/**
 * FHIR R4 resources as JSON: Patient, vital-sign Observations (hourly means, R4 vital-signs
 * profiles, LOINC and UCUM), the NEWS2 Observation, searchset Bundles and OperationOutcomes.
 */
final class FhirResources {
  static final String UCUM = "http://unitsofmeasure.org";
  static final String RESIDENT_SYSTEM = "urn:caregrid:resident";
  static final String SNOMED = "http://snomed.info/sct";

  /** SNOMED CT "Royal College of Physicians NEWS2 total score" (research/domain.md §2.2). */
  static final String NEWS2_CODE = "1104051000000101";

  static final String NEWS2_ID = "news2";
  private static final String CATEGORY =
      "http://terminology.hl7.org/CodeSystem/observation-category";
  private static final Duration HOUR = Duration.ofHours(1);

  private FhirResources() {}

  static JsonObject patient(FhirQueries.PatientRow p) {
    JsonObject patient =
        new JsonObject()
            .put("resourceType", "Patient")
            .put("id", Integer.toString(p.id()))
            .put(
                "identifier",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("system", RESIDENT_SYSTEM)
                            .put("value", Integer.toString(p.id()))))
            .put("active", true)
            .put("name", new JsonArray().add(new JsonObject().put("text", p.name())));
    if (p.birthYear() != null) {
      patient.put("birthDate", String.format("%04d", p.birthYear()));
    }
    patient.put(
        "address",
        new JsonArray()
            .add(
                new JsonObject()
                    .put("use", "home")
                    .put("text", p.address())
                    .put("district", p.community())));
    if (p.doctor() != null) {
      patient.put(
          "generalPractitioner", new JsonArray().add(new JsonObject().put("display", p.doctor())));
    }
    return patient;
  }

  /** The id of an hourly Observation: resident, sign and the hour's number since the epoch. */
  static String id(int resident, String sign, Instant hour) {
    return resident + "-" + sign + "-" + hour.getEpochSecond() / 3600;
  }

  static JsonObject vital(
      int resident, VitalSign sign, Instant hour, Map<Metric, Double> means, Instant now) {
    JsonObject o =
        observation(id(resident, sign.idPart(), hour), sign.profileUrl(), resident, hour, now)
            .put("category", category("vital-signs", "Vital Signs"))
            .put("code", code(sign));
    if (sign == VitalSign.BLOOD_PRESSURE) {
      JsonArray components = new JsonArray();
      for (Metric m : sign.metrics()) {
        JsonObject component =
            new JsonObject()
                .put(
                    "code",
                    new JsonObject()
                        .put(
                            "coding",
                            new JsonArray()
                                .add(
                                    coding(
                                        VitalSign.LOINC,
                                        m.loinc().orElseThrow(),
                                        m == Metric.SBP
                                            ? "Systolic blood pressure"
                                            : "Diastolic blood pressure"))));
        Double v = means.get(m);
        if (v == null) {
          component.put(
              "dataAbsentReason",
              new JsonObject()
                  .put(
                      "coding",
                      new JsonArray()
                          .add(
                              coding(
                                  "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                                  "not-performed",
                                  "Not Performed"))));
        } else {
          component.put("valueQuantity", quantity(v, m.ucum(), sign.unitDisplay()));
        }
        components.add(component);
      }
      o.put("component", components);
    } else {
      Metric m = sign.metrics().get(0);
      o.put("valueQuantity", quantity(means.get(m), m.ucum(), sign.unitDisplay()));
    }
    return o.put(
        "note", new JsonArray().add(new JsonObject().put("text", "Mean of the hour's readings.")));
  }

  /**
   * The hour's partial NEWS2 from the measured vitals present, scored as alerting scores it, with
   * air and alert assumed (home devices measure neither); null when no scored vital was measured.
   */
  static JsonObject news2(
      int resident, boolean scale2, Instant hour, Map<Metric, Double> means, Instant now) {
    Map<Metric, Double> scored = new java.util.EnumMap<>(Metric.class);
    for (Metric m : List.of(Metric.RR, Metric.SPO2, Metric.SBP, Metric.HR, Metric.TEMP)) {
      if (means.containsKey(m)) {
        scored.put(m, means.get(m));
      }
    }
    if (scored.isEmpty()) {
      return null;
    }
    News2Score score = News2.score(scored, scale2, false, Consciousness.ALERT);
    JsonArray derived = new JsonArray();
    for (VitalSign sign : VitalSign.values()) {
      if (sign.metrics().stream().anyMatch(scored::containsKey)) {
        derived.add(
            new JsonObject().put("reference", "Observation/" + id(resident, sign.idPart(), hour)));
      }
    }
    return observation(id(resident, NEWS2_ID, hour), null, resident, hour, now)
        .put("category", category("survey", "Survey"))
        .put(
            "code",
            new JsonObject()
                .put(
                    "coding",
                    new JsonArray()
                        .add(
                            coding(
                                SNOMED,
                                NEWS2_CODE,
                                "Royal College of Physicians NEWS2 (National Early Warning Score"
                                    + " 2) total score")))
                .put("text", "NEWS2"))
        .put("valueInteger", score.total())
        .put("derivedFrom", derived)
        .put(
            "note",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put(
                            "text",
                            "Partial score from the mean vital signs of the hour starting at"
                                + " effectiveDateTime"
                                + (scale2 ? " (SpO2 scale 2)" : "")
                                + "; air and alert assumed, as home devices measure neither.")));
  }

  private static JsonObject observation(
      String id, String profile, int resident, Instant hour, Instant now) {
    Instant end = hour.plus(HOUR);
    JsonObject meta = new JsonObject();
    JsonArray profiles = new JsonArray();
    if (profile != null) {
      profiles.add("http://hl7.org/fhir/StructureDefinition/vitalsigns").add(profile);
      meta.put("profile", profiles);
    }
    JsonObject o = new JsonObject().put("resourceType", "Observation").put("id", id);
    if (profile != null) {
      o.put("meta", meta);
    }
    return o.put("status", end.isAfter(now) ? "preliminary" : "final")
        .put("subject", new JsonObject().put("reference", "Patient/" + resident))
        // The hour's start, not an effectivePeriod: R4's vital-signs invariant vs-1 fails any
        // Period in the validator (R4's own FHIRPath), though the profile allows one.
        .put("effectiveDateTime", hour.toString());
  }

  private static JsonArray category(String code, String display) {
    return new JsonArray()
        .add(new JsonObject().put("coding", new JsonArray().add(coding(CATEGORY, code, display))));
  }

  private static JsonObject code(VitalSign sign) {
    JsonArray codings = new JsonArray().add(coding(VitalSign.LOINC, sign.loinc(), sign.display()));
    if (sign == VitalSign.OXYGEN_SATURATION) {
      codings.add(
          coding(
              VitalSign.LOINC,
              VitalSign.PULSE_OXIMETRY,
              "Oxygen saturation in Arterial blood by Pulse oximetry"));
    }
    return new JsonObject().put("coding", codings).put("text", sign.display());
  }

  private static JsonObject coding(String system, String code, String display) {
    return new JsonObject().put("system", system).put("code", code).put("display", display);
  }

  private static JsonObject quantity(double value, String ucum, String unit) {
    return new JsonObject()
        .put("value", Math.round(value * 10) / 10.0)
        .put("unit", unit)
        .put("system", UCUM)
        .put("code", ucum);
  }

  static JsonObject searchset(
      String self, String next, String base, long total, List<JsonObject> resources) {
    JsonArray entries = new JsonArray();
    for (JsonObject r : resources) {
      entries.add(
          new JsonObject()
              .put("fullUrl", base + "/" + r.getString("resourceType") + "/" + r.getString("id"))
              .put("resource", r)
              .put("search", new JsonObject().put("mode", "match")));
    }
    JsonArray links =
        new JsonArray().add(new JsonObject().put("relation", "self").put("url", self));
    if (next != null) {
      links.add(new JsonObject().put("relation", "next").put("url", next));
    }
    JsonObject bundle =
        new JsonObject()
            .put("resourceType", "Bundle")
            .put("type", "searchset")
            .put("total", total)
            .put("link", links);
    // FHIR JSON allows no empty arrays: a search that found nothing has no entry at all
    return entries.isEmpty() ? bundle : bundle.put("entry", entries);
  }

  static JsonObject outcome(String code, String diagnostics) {
    return new JsonObject()
        .put("resourceType", "OperationOutcome")
        .put(
            "issue",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("severity", "error")
                        .put("code", code)
                        .put("diagnostics", diagnostics)));
  }
}

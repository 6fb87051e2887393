package org.caregrid.fhir;

import java.util.List;
import java.util.Optional;
import org.caregrid.core.reading.Metric;

/**
 * The vital signs served as Observations, each with the R4 vital-signs profile it meets, its LOINC
 * code and the catalogue's UCUM unit (DESIGN §4; research/domain.md §3.1). Blood pressure is one
 * panel with systolic and diastolic components; SpO2 carries the profile's 2708-6 and the pulse
 * oximetry code 59408-5.
 */
enum VitalSign {
  HEART_RATE("hr", "heartrate", List.of(Metric.HR), "8867-4", "Heart rate", "beats/minute"),
  RESPIRATORY_RATE(
      "rr", "resprate", List.of(Metric.RR), "9279-1", "Respiratory rate", "breaths/minute"),
  OXYGEN_SATURATION(
      "spo2",
      "oxygensat",
      List.of(Metric.SPO2),
      "2708-6",
      "Oxygen saturation in Arterial blood",
      "%"),
  BODY_TEMPERATURE("temp", "bodytemp", List.of(Metric.TEMP), "8310-5", "Body temperature", "Cel"),
  BODY_WEIGHT("weight", "bodyweight", List.of(Metric.WEIGHT), "29463-7", "Body weight", "kg"),
  BLOOD_PRESSURE(
      "bp",
      "bp",
      List.of(Metric.SBP, Metric.DBP),
      "85354-9",
      "Blood pressure panel with all children optional",
      "mmHg");

  static final String LOINC = "http://loinc.org";
  static final String PULSE_OXIMETRY = "59408-5";

  private final String idPart;
  private final String profile;
  private final List<Metric> metrics;
  private final String loinc;
  private final String display;
  private final String unitDisplay;

  VitalSign(
      String idPart,
      String profile,
      List<Metric> metrics,
      String loinc,
      String display,
      String unitDisplay) {
    this.idPart = idPart;
    this.profile = profile;
    this.metrics = metrics;
    this.loinc = loinc;
    this.display = display;
    this.unitDisplay = unitDisplay;
  }

  /** The part of an Observation's id that names the sign. */
  String idPart() {
    return idPart;
  }

  String profileUrl() {
    return "http://hl7.org/fhir/StructureDefinition/" + profile;
  }

  List<Metric> metrics() {
    return metrics;
  }

  String loinc() {
    return loinc;
  }

  String display() {
    return display;
  }

  String unitDisplay() {
    return unitDisplay;
  }

  static Optional<VitalSign> byIdPart(String part) {
    for (VitalSign v : values()) {
      if (v.idPart.equals(part)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** The sign a LOINC code asks for: its own code, a component's, or SpO2's second code. */
  static Optional<VitalSign> byLoinc(String code) {
    if (PULSE_OXIMETRY.equals(code)) {
      return Optional.of(OXYGEN_SATURATION);
    }
    for (VitalSign v : values()) {
      if (v.loinc.equals(code)
          || v.metrics.stream().anyMatch(m -> m.loinc().orElse("").equals(code))) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

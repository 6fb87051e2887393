package org.caregrid.alerting.rule.news2;

/** The NEWS2 parameters, in the chart's order. */
public enum News2Parameter {
  RESPIRATION("respiration"),
  SPO2("SpO2"),
  AIR_OR_OXYGEN("air/oxygen"),
  SYSTOLIC("systolic BP"),
  PULSE("pulse"),
  CONSCIOUSNESS("consciousness"),
  TEMPERATURE("temperature");

  private final String label;

  News2Parameter(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}

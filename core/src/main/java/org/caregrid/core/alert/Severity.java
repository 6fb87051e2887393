package org.caregrid.core.alert;

import java.util.Locale;

/** How urgent an alert is, most urgent first. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}

package org.caregrid.core.alert;

import java.util.Locale;

/** Where an alert is in its lifecycle (DESIGN §6). */
public enum AlertState {
  RAISED,
  NOTIFIED,
  ACCEPTED,
  ON_SITE,
  RESOLVED,
  CANCELLED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AlertState fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  /** Whether the alert still needs someone: only one open alert per resident and kind. */
  public boolean isOpen() {
    return this != RESOLVED && this != CANCELLED;
  }
}

package org.caregrid.core.alert;

import java.util.Locale;

/**
 * Where an alert is in its lifecycle (DESIGN §6): raised → notified → accepted → on_site → resolved
 * with an outcome, or cancelled before anyone went.
 */
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

  /** Whether staff may take this action on an alert in this state. */
  public boolean allows(AlertCommand.Action action) {
    return switch (action) {
      case ACCEPT -> this == RAISED || this == NOTIFIED;
      case ON_SITE -> this == ACCEPTED;
      case RESOLVE -> this == ACCEPTED || this == ON_SITE;
      case CANCEL -> this == RAISED || this == NOTIFIED || this == ACCEPTED;
      case NOTE -> true;
    };
  }
}

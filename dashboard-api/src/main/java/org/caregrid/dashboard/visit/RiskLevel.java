package org.caregrid.dashboard.visit;

import java.util.Locale;

/** A resident's risk level from their needs assessment: it sets how often they are visited. */
public enum RiskLevel {
  LOW,
  MEDIUM,
  HIGH;

  /** The name in the database and the API. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level for {@code code}, or null when there is none. */
  public static RiskLevel fromCode(String code) {
    for (RiskLevel l : values()) {
      if (l.code().equals(code)) {
        return l;
      }
    }
    return null;
  }
}

package org.caregrid.dashboard.visit;

import java.util.Locale;

/** How a visit was made. */
public enum VisitType {
  HOME_VISIT,
  PHONE_CALL;

  /** The name in the database and the API. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type for {@code code}, or null when there is none. */
  public static VisitType fromCode(String code) {
    for (VisitType t : values()) {
      if (t.code().equals(code)) {
        return t;
      }
    }
    return null;
  }
}

package org.caregrid.dashboard.visit;

import java.util.Locale;

/** Who a resident lives with, from their needs assessment; the first three get a visit plan. */
public enum Category {
  LIVING_ALONE,
  EMPTY_NEST,
  LEFT_BEHIND,
  OTHER;

  /** The name in the database and the API. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether residents of this category are visited regularly (独居、空巢、留守). */
  public boolean visited() {
    return this != OTHER;
  }

  /** The category for {@code code}, or null when there is none. */
  public static Category fromCode(String code) {
    for (Category c : values()) {
      if (c.code().equals(code)) {
        return c;
      }
    }
    return null;
  }
}

package org.caregrid.dashboard.care;

import java.util.Locale;

/** Whom a call went to. */
public enum Callee {
  RESIDENT,
  CONTACT,
  DOCTOR,
  OTHER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for an unknown code
   */
  public static Callee fromCode(String code) {
    for (Callee c : values()) {
      if (c.code().equals(code)) {
        return c;
      }
    }
    throw new IllegalArgumentException(code);
  }
}

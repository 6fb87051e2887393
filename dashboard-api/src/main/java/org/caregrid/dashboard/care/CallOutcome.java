package org.caregrid.dashboard.care;

import java.util.Locale;

/** How a call attempt ended. */
public enum CallOutcome {
  ANSWERED,
  NO_ANSWER,
  BUSY,
  WRONG_NUMBER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for an unknown code
   */
  public static CallOutcome fromCode(String code) {
    for (CallOutcome o : values()) {
      if (o.code().equals(code)) {
        return o;
      }
    }
    throw new IllegalArgumentException(code);
  }
}

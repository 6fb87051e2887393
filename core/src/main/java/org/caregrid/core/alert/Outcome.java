package org.caregrid.core.alert;

import java.util.Locale;

/** How a resolved alert ended (DESIGN §6); {@code restored} when its cause went away by itself. */
public enum Outcome {
  ASSISTED,
  FALSE_ALARM,
  HOSPITAL_TRANSFER,
  NO_ACCESS,
  OTHER,
  RESTORED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Outcome fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}

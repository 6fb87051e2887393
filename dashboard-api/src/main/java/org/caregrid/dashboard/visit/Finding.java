package org.caregrid.dashboard.visit;

import java.util.Locale;

/** The visit checklist: each item is found {@code ok} or a {@code concern}. */
public enum Finding {
  HEALTH,
  SAFETY,
  HOME,
  NEEDS;

  /** The key in a visit's {@code findings}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}

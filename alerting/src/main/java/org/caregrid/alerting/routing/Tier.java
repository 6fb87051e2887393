package org.caregrid.alerting.routing;

import java.util.Locale;

/** The station tiers, nearest to the home first (DESIGN §1). */
public enum Tier {
  COMMUNITY,
  STREET,
  DISTRICT,
  CITY;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Tier fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}

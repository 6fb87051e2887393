package org.caregrid.alerting.rule;

import java.util.Locale;

/** ACVPU, as staff record it: Alert scores 0 in NEWS2, anything else 3. */
public enum Consciousness {
  ALERT,
  CONFUSION,
  VOICE,
  PAIN,
  UNRESPONSIVE;

  /** The first letter ({@code "A"}, {@code "C"}, ...) or the word, in any case. */
  public static Consciousness fromCode(String code) {
    String c = code.trim().toUpperCase(Locale.ROOT);
    for (Consciousness level : values()) {
      if (level.name().equals(c) || (c.length() == 1 && level.name().charAt(0) == c.charAt(0))) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "not an ACVPU level: '" + code + "' (A, C, V, P or U, or the word)");
  }

  public String letter() {
    return name().substring(0, 1);
  }
}

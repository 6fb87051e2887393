package org.caregrid.dashboard.bigscreen;

/**
 * Masks a name for a screen that anyone in the room can read: the first and last character stay,
 * the ones between become {@code *} (王桂芳 → 王*芳, 王芳 → 王*); a name in Latin letters is masked word by
 * word (Wang Fang → W**g F**g). Two-letter words keep their first letter only.
 */
public final class NameMask {
  private NameMask() {}

  public static String mask(String name) {
    if (name == null || name.isBlank()) {
      return "";
    }
    String trimmed = name.strip();
    if (trimmed.indexOf(' ') < 0) {
      return word(trimmed);
    }
    StringBuilder out = new StringBuilder();
    for (String w : trimmed.split("\\s+")) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(word(w));
    }
    return out.toString();
  }

  private static String word(String w) {
    int[] cps = w.codePoints().toArray();
    if (cps.length <= 1) {
      return "*";
    }
    StringBuilder out = new StringBuilder().appendCodePoint(cps[0]);
    if (cps.length == 2) {
      return out.append('*').toString();
    }
    out.append("*".repeat(cps.length - 2));
    return out.appendCodePoint(cps[cps.length - 1]).toString();
  }
}

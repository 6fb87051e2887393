package org.caregrid.alerting.rule.news2;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.caregrid.alerting.rule.Consciousness;
import org.caregrid.alerting.rule.Finding;
import org.caregrid.core.alert.Severity;

/**
 * A NEWS2 score with each parameter's points; parameters without a fresh value are absent, which
 * makes the score partial.
 */
public record News2Score(
    Map<News2Parameter, Integer> scores,
    boolean spo2Scale2,
    boolean onOxygen,
    Consciousness consciousness) {

  /** The trigger thresholds (Chart 4; research/domain.md §2.2), least urgent first. */
  public enum Band {
    NONE(null),
    /** a single parameter scoring 3 */
    RED_SCORE(Severity.MEDIUM),
    /** 5-6 */
    URGENT(Severity.HIGH),
    /** 7 or more */
    EMERGENCY(Severity.CRITICAL);

    private final Severity severity;

    Band(Severity severity) {
      this.severity = severity;
    }

    public Severity severity() {
      return severity;
    }

    public boolean worseThan(Band other) {
      return compareTo(other) > 0;
    }
  }

  public News2Score {
    scores = new EnumMap<>(scores);
  }

  public int total() {
    return scores.values().stream().mapToInt(Integer::intValue).sum();
  }

  public Band band() {
    int total = total();
    if (total >= 7) {
      return Band.EMERGENCY;
    } else if (total >= 5) {
      return Band.URGENT;
    } else if (scores.containsValue(3)) {
      return Band.RED_SCORE;
    }
    return Band.NONE;
  }

  public boolean partial() {
    return scores.size() < News2Parameter.values().length;
  }

  /**
   * Each parameter's points, e.g. {@code "NEWS2 6 (partial): respiration 2, SpO2 (scale 1) 1, air
   * 0, systolic BP -, pulse 3, consciousness A 0, temperature -"}; {@code -} is not measured.
   */
  public String describe() {
    StringJoiner parts =
        new StringJoiner(", ", "NEWS2 " + total() + (partial() ? " (partial): " : ": "), "");
    for (News2Parameter p : News2Parameter.values()) {
      Integer points = scores.get(p);
      String label =
          switch (p) {
            case SPO2 -> "SpO2 (scale " + (spo2Scale2 ? 2 : 1) + ")";
            case AIR_OR_OXYGEN -> onOxygen ? "oxygen" : "air";
            case CONSCIOUSNESS -> "consciousness " + consciousness.letter();
            default -> p.label();
          };
      parts.add(label + " " + (points == null ? "-" : points.toString()));
    }
    return parts.toString();
  }

  /**
   * The score as data: the total, partial or not, and each parameter's points (null unmeasured).
   */
  public Finding finding() {
    Map<String, Object> points = new LinkedHashMap<>();
    for (News2Parameter p : News2Parameter.values()) {
      points.put(p.name().toLowerCase(Locale.ROOT), scores.get(p));
    }
    return Finding.of(
        "news2",
        "total",
        total(),
        "partial",
        partial(),
        "spo2Scale",
        spo2Scale2 ? 2 : 1,
        "onOxygen",
        onOxygen,
        "consciousness",
        String.valueOf(consciousness.letter()),
        "points",
        points);
  }
}

package org.caregrid.alerting.rule.news2;

import java.util.EnumMap;
import java.util.Map;
import org.caregrid.alerting.rule.Consciousness;
import org.caregrid.core.reading.Metric;

/**
 * The NEWS2 scoring table (RCP 2017, Chart 1; research/domain.md §2.1), one method per parameter.
 * Values are first rounded to the chart's precision (whole numbers; tenths for temperature), so a
 * pulse of 90.4 scores as 90 and 90.5 as 91.
 */
public final class News2 {
  private News2() {}

  public static int respiration(double perMinute) {
    long v = Math.round(perMinute);
    if (v <= 8) {
      return 3;
    } else if (v <= 11) {
      return 1;
    } else if (v <= 20) {
      return 0;
    } else if (v <= 24) {
      return 2;
    }
    return 3;
  }

  /** Scale 1: patients without hypercapnic respiratory failure. */
  public static int spo2Scale1(double percent) {
    long v = Math.round(percent);
    if (v <= 91) {
      return 3;
    } else if (v <= 93) {
      return 2;
    } else if (v <= 95) {
      return 1;
    }
    return 0;
  }

  /** Scale 2 (target 88-92 %): high values score only on supplemental oxygen. */
  public static int spo2Scale2(double percent, boolean onOxygen) {
    long v = Math.round(percent);
    if (v <= 83) {
      return 3;
    } else if (v <= 85) {
      return 2;
    } else if (v <= 87) {
      return 1;
    } else if (v <= 92 || !onOxygen) {
      return 0;
    } else if (v <= 94) {
      return 1;
    } else if (v <= 96) {
      return 2;
    }
    return 3;
  }

  public static int airOrOxygen(boolean onOxygen) {
    return onOxygen ? 2 : 0;
  }

  public static int systolic(double mmHg) {
    long v = Math.round(mmHg);
    if (v <= 90) {
      return 3;
    } else if (v <= 100) {
      return 2;
    } else if (v <= 110) {
      return 1;
    } else if (v <= 219) {
      return 0;
    }
    return 3;
  }

  public static int pulse(double perMinute) {
    long v = Math.round(perMinute);
    if (v <= 40) {
      return 3;
    } else if (v <= 50) {
      return 1;
    } else if (v <= 90) {
      return 0;
    } else if (v <= 110) {
      return 1;
    } else if (v <= 130) {
      return 2;
    }
    return 3;
  }

  public static int consciousness(Consciousness level) {
    return level == Consciousness.ALERT ? 0 : 3;
  }

  public static int temperature(double celsius) {
    long tenths = Math.round(celsius * 10);
    if (tenths <= 350) {
      return 3;
    } else if (tenths <= 360) {
      return 1;
    } else if (tenths <= 380) {
      return 0;
    } else if (tenths <= 390) {
      return 1;
    }
    return 2;
  }

  /**
   * A partial score: the measured vitals present in {@code vitals} (by metric), plus air or oxygen
   * and consciousness as staff recorded them.
   */
  public static News2Score score(
      Map<Metric, Double> vitals, boolean spo2Scale2, boolean onOxygen, Consciousness level) {
    Map<News2Parameter, Integer> scores = new EnumMap<>(News2Parameter.class);
    for (Map.Entry<Metric, Double> v : vitals.entrySet()) {
      double x = v.getValue();
      switch (v.getKey()) {
        case RR -> scores.put(News2Parameter.RESPIRATION, respiration(x));
        case SPO2 ->
            scores.put(News2Parameter.SPO2, spo2Scale2 ? spo2Scale2(x, onOxygen) : spo2Scale1(x));
        case SBP -> scores.put(News2Parameter.SYSTOLIC, systolic(x));
        case HR -> scores.put(News2Parameter.PULSE, pulse(x));
        case TEMP -> scores.put(News2Parameter.TEMPERATURE, temperature(x));
        default -> {}
      }
    }
    scores.put(News2Parameter.AIR_OR_OXYGEN, airOrOxygen(onOxygen));
    scores.put(News2Parameter.CONSCIOUSNESS, consciousness(level));
    return new News2Score(scores, spo2Scale2, onOxygen, level);
  }
}

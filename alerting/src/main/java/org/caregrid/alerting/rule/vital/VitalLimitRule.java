package org.caregrid.alerting.rule.vital;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Finding;
import org.caregrid.alerting.rule.Findings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.Rule;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.alerting.rule.VitalBand;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;

/**
 * A vital sign beyond its band (defaults: the NEWS2 3-point bands) → vital_limit, high. Each
 * device's series of each vital sign is judged on its own ({@link VitalSeries}): a dense series by
 * the mean over the window, a sparse one (spot checks) by two consecutive readings, so neither a
 * single spike nor a single bad spot check alerts. A series raises once per episode and re-arms,
 * with a note on the open alert, only when it is back clear of the band by the hysteresis margin.
 * All vital signs share one vital_limit alert per resident; the detail names the sign and value of
 * the latest raise.
 */
public final class VitalLimitRule implements Rule {
  private final long windowMillis;
  private final int minReadings;
  private final long pairWithinMillis;
  private final Map<Long, VitalSeries> series = new HashMap<>();

  public VitalLimitRule(RuleConfig.VitalLimit config) {
    this.windowMillis = config.window().toMillis();
    this.minReadings = config.minReadings();
    this.pairWithinMillis = config.spotPairWithin().toMillis();
  }

  @Override
  public void onReadings(ReadingBatch batch, Resident resident, Findings findings) {
    for (Reading r : batch.readings()) {
      Optional<VitalBand> band = resident.thresholds().band(r.metric(), resident.copdScale2());
      if (band.isEmpty()) {
        continue;
      }
      long key = (long) batch.device().key() << 8 | r.metric().dbCode();
      VitalSeries s = series.computeIfAbsent(key, k -> new VitalSeries());
      if (!s.add(r, windowMillis)) {
        continue;
      }
      switch (s.judge(band.get(), minReadings, pairWithinMillis)) {
        case BEYOND -> {
          if (!s.raised) {
            s.raised = true;
            findings.raise(
                new AlertCandidate(
                    AlertKind.VITAL_LIMIT,
                    Severity.HIGH,
                    resident.key(),
                    batch.device().key(),
                    r.time(),
                    describe(r.metric(), s, band.get()),
                    finding(r.metric(), s, band.get())));
          }
        }
        case CLEAR -> {
          if (s.raised) {
            s.raised = false;
            findings.note(
                AlertKind.VITAL_LIMIT,
                resident.key(),
                r.time(),
                name(r.metric()) + " back inside its band: " + value(r.metric(), s));
          }
        }
        case UNDECIDED -> {}
      }
    }
  }

  private String describe(Metric metric, VitalSeries s, VitalBand band) {
    double judged = s.judgedByMean(minReadings) ? s.mean() : s.latest().value();
    return name(metric)
        + " "
        + value(metric, s)
        + " (limit "
        + band.limitCrossedBy(judged)
        + unit(metric)
        + ")";
  }

  private Finding finding(Metric metric, VitalSeries s, VitalBand band) {
    boolean byMean = s.judgedByMean(minReadings);
    double judged = byMean ? s.mean() : s.latest().value();
    String limit = band.limitCrossedBy(judged);
    Map<String, Object> params = new HashMap<>();
    params.put("metric", metric.code());
    params.put("above", limit.startsWith("≥"));
    params.put("limit", Double.parseDouble(limit.substring(1)));
    if (byMean) {
      params.put("mean", Double.parseDouble(number(metric, s.mean())));
      params.put("windowS", windowMillis / 1000);
      params.put("n", s.size());
    } else {
      params.put("previous", Double.parseDouble(number(metric, s.previous().value())));
      params.put("latest", Double.parseDouble(number(metric, s.latest().value())));
    }
    return new Finding("vital", params);
  }

  private String value(Metric metric, VitalSeries s) {
    if (s.judgedByMean(minReadings)) {
      return "mean "
          + number(metric, s.mean())
          + unit(metric)
          + " over "
          + windowMillis / 1000
          + " s ("
          + s.size()
          + " readings)";
    }
    return number(metric, s.previous().value())
        + " then "
        + number(metric, s.latest().value())
        + unit(metric)
        + " (two consecutive readings)";
  }

  private static String name(Metric metric) {
    return switch (metric) {
      case HR -> "pulse";
      case RR -> "respiration rate";
      case SPO2 -> "SpO2";
      case SBP -> "systolic BP";
      case TEMP -> "temperature";
      default -> metric.code();
    };
  }

  private static String unit(Metric metric) {
    return switch (metric) {
      case HR, RR -> "/min";
      case SPO2 -> " %";
      case SBP -> " mmHg";
      case TEMP -> " °C";
      default -> " " + metric.ucum();
    };
  }

  private static String number(Metric metric, double v) {
    return String.format(Locale.ROOT, metric == Metric.TEMP ? "%.1f" : "%.0f", v);
  }
}

package org.caregrid.alerting.rule.news2;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Findings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.Rule;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.alerting.rule.Thresholds;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;

/**
 * A partial NEWS2 from each parameter's current value no older than the freshness window, with air
 * or oxygen and consciousness as staff recorded them in the care plan (air and Alert otherwise).
 * Raises when the band worsens (a single 3 → medium, 5-6 → high, 7+ → critical), not on every
 * reading; when it improves, the open alert gets a note and a later worsening raises again. Values
 * going stale count as improvement, which the tick notices.
 *
 * <p>A parameter's current value is the median of its readings of the last minute when there are at
 * least three (a bed sensor reports every few seconds), so a single spike or motion artefact cannot
 * move the score; otherwise its latest reading (a spot check a few times a day).
 */
public final class News2Rule implements Rule {
  private static final Set<Metric> SCORED =
      Set.of(Metric.RR, Metric.SPO2, Metric.SBP, Metric.HR, Metric.TEMP);

  /** As vital_limit's averaging window: long enough for a dense series to outvote a spike. */
  private static final long DENSE_WINDOW_MILLIS = 60_000;

  private static final int DENSE_READINGS = 3;

  private final long freshnessMillis;
  private final Clock clock;
  private final Map<Integer, State> residents = new HashMap<>();

  private static final class State {
    final Map<Metric, ArrayDeque<Reading>> recent = new EnumMap<>(Metric.class);
    int deviceKey;
    News2Score.Band band = News2Score.Band.NONE;

    /** The resident as last scored: a reload (a care-plan edit) is a new one. */
    Resident scoredFor;

    /** When the first value then fresh goes stale: until then a tick would score the same. */
    long staleAfter = Long.MIN_VALUE;
  }

  public News2Rule(RuleConfig.News2 config, Clock clock) {
    this.freshnessMillis = config.freshness().toMillis();
    this.clock = clock;
  }

  @Override
  public void onReadings(ReadingBatch batch, Resident resident, Findings findings) {
    State s = null;
    for (Reading r : batch.readings()) {
      if (!SCORED.contains(r.metric())) {
        continue;
      }
      if (s == null) {
        s = residents.computeIfAbsent(resident.key(), k -> new State());
      }
      ArrayDeque<Reading> series = s.recent.computeIfAbsent(r.metric(), m -> new ArrayDeque<>());
      Reading known = series.peekLast();
      // older or repeated readings (redeliveries) are ignored
      if (known == null || r.time() > known.time()) {
        series.addLast(r);
        while (series.peekFirst().time() <= r.time() - DENSE_WINDOW_MILLIS) {
          series.pollFirst();
        }
        s.deviceKey = batch.device().key();
      }
    }
    if (s != null) {
      evaluate(s, resident, findings);
    }
  }

  @Override
  public void onTick(Resident resident, Findings findings) {
    State s = residents.get(resident.key());
    // Readings score as they come; between them the score changes only when a value goes stale
    // or the care plan changes. Scoring every bed's resident on every tick was most of a district's
    // time-based pass.
    if (s != null && (clock.millis() > s.staleAfter || !resident.equals(s.scoredFor))) {
      evaluate(s, resident, findings);
    }
  }

  private void evaluate(State s, Resident resident, Findings findings) {
    long now = clock.millis();
    Map<Metric, Double> fresh = new EnumMap<>(Metric.class);
    long staleAfter = Long.MAX_VALUE;
    for (Map.Entry<Metric, ArrayDeque<Reading>> e : s.recent.entrySet()) {
      long last = e.getValue().getLast().time();
      if (now - last <= freshnessMillis) {
        fresh.put(e.getKey(), current(e.getValue()));
        staleAfter = Math.min(staleAfter, last + freshnessMillis);
      }
    }
    s.staleAfter = staleAfter;
    s.scoredFor = resident;
    if (fresh.isEmpty()) {
      improve(s, News2Score.Band.NONE, resident, findings, now, "no vital sign measured lately");
      return;
    }
    Thresholds t = resident.thresholds();
    News2Score score = News2.score(fresh, resident.copdScale2(), t.onOxygen(), t.consciousness());
    News2Score.Band band = score.band();
    if (band.worseThan(s.band)) {
      s.band = band;
      findings.raise(
          new AlertCandidate(
              AlertKind.NEWS2,
              band.severity(),
              resident.key(),
              s.deviceKey,
              now,
              score.describe(),
              score.finding()));
    } else if (s.band.worseThan(band)) {
      improve(s, band, resident, findings, now, score.describe());
    }
  }

  /** The median of a dense series, else the latest reading. */
  private static double current(ArrayDeque<Reading> series) {
    if (series.size() < DENSE_READINGS) {
      return series.getLast().value();
    }
    double[] values = series.stream().mapToDouble(Reading::value).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private static void improve(
      State s, News2Score.Band band, Resident resident, Findings findings, long now, String why) {
    if (s.band != News2Score.Band.NONE) {
      findings.note(AlertKind.NEWS2, resident.key(), now, "improved: " + why);
    }
    s.band = band;
  }
}

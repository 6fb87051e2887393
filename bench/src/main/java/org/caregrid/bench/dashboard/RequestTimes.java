package org.caregrid.bench.dashboard;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.caregrid.bench.rig.Results;

/**
 * Response times of API requests by kind (send to the whole body read, on the bench's monotonic
 * clock), and the requests that did not answer as expected.
 */
public final class RequestTimes {
  private final Map<String, Histogram> micros = new LinkedHashMap<>();
  private final Map<String, Long> failures = new LinkedHashMap<>();

  public void record(String kind, long nanos) {
    micros.computeIfAbsent(kind, k -> new Histogram(3)).recordValue(Math.max(1, nanos / 1000));
  }

  public void failed(String kind) {
    failures.merge(kind, 1L, Long::sum);
  }

  public long failures() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Per kind: count, p50, p90, p99, max (ms), and failures. */
  public void putInto(Results results) {
    micros.forEach(
        (kind, h) -> {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("count", h.getTotalCount());
          r.put("p50_ms", ms(h.getValueAtPercentile(50)));
          r.put("p90_ms", ms(h.getValueAtPercentile(90)));
          r.put("p99_ms", ms(h.getValueAtPercentile(99)));
          r.put("max_ms", ms(h.getMaxValue()));
          r.put("failures", failures.getOrDefault(kind, 0L));
          results.put(kind, r);
        });
  }

  /** A Markdown table of the same. */
  public String markdown() {
    StringBuilder out =
        new StringBuilder("| request | n | p50 ms | p90 ms | p99 ms | max ms | failed |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    micros.forEach(
        (kind, h) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f | %.1f | %.1f | %.1f | %d |%n",
                    kind,
                    h.getTotalCount(),
                    ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)),
                    ms(h.getMaxValue()),
                    failures.getOrDefault(kind, 0L))));
    return out.toString();
  }

  private static double ms(long micros) {
    return Results.round(micros / 1000.0);
  }
}

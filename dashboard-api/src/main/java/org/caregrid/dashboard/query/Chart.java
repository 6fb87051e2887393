package org.caregrid.dashboard.query;

import java.time.Instant;
import java.util.List;
import org.caregrid.core.reading.Metric;

/** One metric over a range, in time order, each point a bucket's (or a reading's) figures. */
public record Chart(Metric metric, Bucket bucket, List<Point> points) {
  public Chart {
    points = List.copyOf(points);
  }

  /** A bucket: the mean is sum / n over every reading in it. */
  public record Point(Instant t, double mean, double min, double max, long n) {}
}

package org.caregrid.bench.dashboard;

import static org.caregrid.bench.rig.Results.say;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.caregrid.core.reading.Metric;

/**
 * Days of care-bed history written straight into the database, as if the platform had been running:
 * raw rows in {@code reading} and the chart rollups {@code reading_1m} / {@code reading_1h} (count,
 * sum, min, max) with exactly the values ingest's {@code Rollups} computes from those rows. Every
 * bed reports pulse, respiration, in-bed and movement each {@code interval}, at a phase of its own
 * within the interval. Rows go in time order, all beds together, as the platform writes them, so
 * one bed's rows are spread over the tables as they would be in production. Raw rows may be kept
 * for fewer days than the rollups (the API reads raw rows only for windows of up to 2 hours); the
 * rollups cover every reading of the whole history even then.
 */
final class ReadingHistory {
  static final List<Metric> METRICS = List.of(Metric.HR, Metric.RR, Metric.IN_BED, Metric.MOVEMENT);
  private static final long MINUTE = 60_000;
  private static final long HOUR = 3_600_000;
  private static final int BATCH = 50_000;
  private static final long CHINA_OFFSET = 8 * HOUR;

  private final DataSource db;
  private final List<Integer> beds;
  private final long intervalMs;
  private final Instant start;
  private final Instant end;
  private final Instant rawFrom;
  private final Instant minutesFrom;

  /**
   * @param end the history ends at this minute (exclusive); it starts {@code days} whole hours
   *     before
   */
  ReadingHistory(
      DataSource db,
      List<Integer> beds,
      Duration interval,
      Instant end,
      int days,
      int rawDays,
      int minuteDays) {
    if (interval.toMillis() < 1000 || HOUR % interval.toMillis() != 0) {
      throw new IllegalArgumentException("the interval must divide an hour: " + interval);
    }
    this.db = db;
    this.beds = List.copyOf(beds);
    this.intervalMs = interval.toMillis();
    this.end = end.truncatedTo(ChronoUnit.MINUTES);
    this.start = this.end.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(days));
    this.rawFrom = this.end.minus(Duration.ofDays(rawDays));
    this.minutesFrom = this.end.minus(Duration.ofDays(minuteDays));
  }

  Instant start() {
    return start;
  }

  Instant end() {
    return end;
  }

  /** Rows written: raw, minute and hour. */
  record Written(long raw, long minutes, long hours, double seconds) {}

  Written write() throws SQLException, InterruptedException {
    prepareDays();
    long t0 = System.nanoTime();
    int n = beds.size() * METRICS.size();
    long[] hourN = new long[n];
    double[] hourSum = new double[n];
    double[] hourMin = new double[n];
    double[] hourMax = new double[n];
    clear(hourN, hourSum, hourMin, hourMax);
    long endMs = end.toEpochMilli();
    long perMinute = Math.max(1, MINUTE / intervalMs);
    try (CopyStream raw =
            new CopyStream(
                db,
                "COPY reading (time, device_id, metric, value) FROM STDIN (FORMAT binary)",
                "raw");
        CopyStream minutes = new CopyStream(db, rollupCopy("reading_1m"), "1m");
        CopyStream hours = new CopyStream(db, rollupCopy("reading_1h"), "1h")) {
      BinaryCopy rawBatch = new BinaryCopy(BATCH, 40);
      BinaryCopy minuteBatch = new BinaryCopy(BATCH, 60);
      BinaryCopy hourBatch = new BinaryCopy(BATCH, 60);
      long lastSaid = System.nanoTime();
      for (long minute = start.toEpochMilli(); minute < endMs; minute += MINUTE) {
        boolean keepRaw = minute >= rawFrom.toEpochMilli();
        boolean keepMinute = minute >= minutesFrom.toEpochMilli();
        for (int b = 0; b < beds.size(); b++) {
          int device = beds.get(b);
          long phase = phase(device);
          for (int m = 0; m < METRICS.size(); m++) {
            int slot = b * METRICS.size() + m;
            short metric = METRICS.get(m).dbCode();
            int count = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            // the bed's readings inside this minute: phase + k * interval
            long first = minute + Math.floorMod(phase - minute, intervalMs);
            for (long t = first; t < minute + MINUTE && t < endMs; t += intervalMs) {
              double v = value(device, m, t);
              count++;
              sum += v;
              min = Math.min(min, v);
              max = Math.max(max, v);
              if (keepRaw) {
                rawBatch.row(4).timestamp(t).int4(device).int2(metric).float8(v);
              }
            }
            if (count == 0) {
              continue;
            }
            if (keepMinute) {
              minuteBatch
                  .row(7)
                  .timestamp(minute)
                  .int4(device)
                  .int2(metric)
                  .int4(count)
                  .float8(sum)
                  .float8(min)
                  .float8(max);
            }
            hourN[slot] += count;
            hourSum[slot] += sum;
            hourMin[slot] = Math.min(hourMin[slot], min);
            hourMax[slot] = Math.max(hourMax[slot], max);
          }
        }
        boolean hourEnds = (minute + MINUTE) % HOUR == 0 || minute + MINUTE >= endMs;
        if (hourEnds) {
          long hour = minute - Math.floorMod(minute, HOUR);
          for (int b = 0; b < beds.size(); b++) {
            for (int m = 0; m < METRICS.size(); m++) {
              int slot = b * METRICS.size() + m;
              if (hourN[slot] > 0) {
                hourBatch
                    .row(7)
                    .timestamp(hour)
                    .int4(beds.get(b))
                    .int2(METRICS.get(m).dbCode())
                    .int4((int) hourN[slot])
                    .float8(hourSum[slot])
                    .float8(hourMin[slot])
                    .float8(hourMax[slot]);
              }
            }
          }
          clear(hourN, hourSum, hourMin, hourMax);
          hourBatch = flush(hours, hourBatch, 0);
        }
        rawBatch = flush(raw, rawBatch, BATCH - beds.size() * METRICS.size() * perMinute);
        minuteBatch = flush(minutes, minuteBatch, BATCH - beds.size() * METRICS.size());
        if (System.nanoTime() - lastSaid > 30_000_000_000L) {
          lastSaid = System.nanoTime();
          say(
              "seeding readings: at %s, %d raw, %d minute and %d hour rows so far",
              Instant.ofEpochMilli(minute), raw.rows(), minutes.rows(), hours.rows());
        }
      }
      flush(raw, rawBatch, 0);
      flush(minutes, minuteBatch, 0);
      flush(hours, hourBatch, 0);
      raw.close();
      minutes.close();
      hours.close();
      return new Written(raw.rows(), minutes.rows(), hours.rows(), (System.nanoTime() - t0) / 1e9);
    }
  }

  /**
   * What autovacuum would have done over the weeks: visibility maps set and statistics current, so
   * the planner and index-only scans see the tables as they would be in production.
   */
  void vacuum() throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("VACUUM ANALYZE reading_1m");
      s.execute("VACUUM ANALYZE reading_1h");
      s.execute("VACUUM ANALYZE reading");
    }
  }

  /**
   * The last minute's statistics and status, so devices show as online with a battery level, and
   * every device enrolled when the history starts: a bed enrolled minutes ago is never taken for a
   * quiet resident (visits), which would spare those queries their reading look-ups.
   */
  void markDevicesSeen() throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO device_status (device_id, online, last_seen, battery)"
                    + " SELECT id, true, ?, 40 + id % 60 FROM device WHERE kind = 'care_bed'"
                    + " ON CONFLICT (device_id) DO NOTHING");
        PreparedStatement enrolled = c.prepareStatement("UPDATE device SET enrolled_at = ?")) {
      ps.setTimestamp(1, Timestamp.from(end));
      ps.executeUpdate();
      enrolled.setTimestamp(1, Timestamp.from(start));
      enrolled.executeUpdate();
    }
  }

  /** Daily partitions for the whole history on plain PostgreSQL (a no-op on TimescaleDB). */
  private void prepareDays() throws SQLException {
    LocalDate first = start.atZone(ZoneOffset.UTC).toLocalDate();
    int days = (int) ChronoUnit.DAYS.between(first, end.atZone(ZoneOffset.UTC).toLocalDate()) + 2;
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT caregrid_prepare_reading_days(?, ?)")) {
      ps.setObject(1, first);
      ps.setInt(2, days);
      ps.execute();
    }
  }

  private static String rollupCopy(String table) {
    return "COPY "
        + table
        + " (bucket, device_id, metric, n, sum, min, max) FROM STDIN (FORMAT binary)";
  }

  private static BinaryCopy flush(CopyStream to, BinaryCopy batch, long threshold)
      throws InterruptedException {
    if (batch.rows() == 0 || batch.rows() < threshold) {
      return batch;
    }
    to.write(batch);
    return new BinaryCopy(BATCH, 60);
  }

  private static void clear(long[] n, double[] sum, double[] min, double[] max) {
    java.util.Arrays.fill(n, 0);
    java.util.Arrays.fill(sum, 0);
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
  }

  /** Where in its interval a bed reports: spread over the interval, fixed per bed. */
  private long phase(int device) {
    return Math.floorMod(device * 7919L * 1000 + device * 37L, intervalMs);
  }

  /**
   * A plausible, repeatable value: pulse 55-95 and respiration 12-20 (NEWS2's 0-point bands, so
   * nothing clinical is implied), in bed from 22:00 to 07:00 China time and for an afternoon nap,
   * movement low in bed and higher out of it.
   */
  static double value(int device, int metric, long t) {
    long noise = mix(device * 1_000_003L + t / 1000 * 31 + metric);
    int hourOfDay = (int) Math.floorMod((t + CHINA_OFFSET) / HOUR, 24L);
    boolean inBed = hourOfDay >= 22 || hourOfDay < 7 || hourOfDay == 13;
    return switch (metric) {
      case 0 -> 60 + device % 20 + (inBed ? -4 : 4) + Math.floorMod(noise, 11) - 5;
      case 1 -> 14 + device % 3 + Math.floorMod(noise, 5) - 2;
      case 2 -> inBed ? 1 : 0;
      default -> inBed ? Math.floorMod(noise, 4) : 5 + Math.floorMod(noise, 20);
    };
  }

  /** SplitMix64's finaliser: a cheap, well-spread hash. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}

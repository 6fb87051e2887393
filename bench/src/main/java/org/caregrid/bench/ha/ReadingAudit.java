package org.caregrid.bench.ha;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.caregrid.bench.district.BedTelemetry;

/**
 * Every message of telemetry the broker acknowledged, looked up in the database at the end of the
 * run: each must be there with its 4 readings, once (the table's unique index on device, metric and
 * time makes a second copy a conflict, so "twice" would show as more than 4 rows of one message).
 */
final class ReadingAudit {
  /** What the database holds against what the broker acknowledged, in messages. */
  record Outcome(long acknowledged, long lost, long partial, long doubled, long storedUnacked) {}

  private ReadingAudit() {}

  static Outcome check(DataSource db, TelemetryLoad load) throws SQLException {
    Map<String, Integer> bedIndex = new HashMap<>();
    List<String> beds = load.beds();
    for (int i = 0; i < beds.size(); i++) {
      bedIndex.put(beds.get(i), i);
    }
    long[][] times = new long[beds.size()][];
    int[][] counts = new int[beds.size()][];
    try (Connection c = db.getConnection()) {
      Map<Integer, Integer> byDeviceId = new HashMap<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id, uid FROM device WHERE kind = 'care_bed'")) {
        while (rs.next()) {
          Integer bed = bedIndex.get(rs.getString(2));
          if (bed != null) {
            byDeviceId.put(rs.getInt(1), bed);
          }
        }
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(50_000);
        try (ResultSet rs =
            s.executeQuery(
                "SELECT device_id, (extract(epoch FROM time) * 1000)::bigint, count(*)"
                    + " FROM reading GROUP BY 1, 2 ORDER BY 1, 2")) {
          collect(rs, byDeviceId, times, counts);
        }
      }
      c.commit();
    }
    long acknowledged = 0;
    long lost = 0;
    long partial = 0;
    long doubled = 0;
    long matched = 0;
    for (int bed = 0; bed < beds.size(); bed++) {
      long[] stored = times[bed] == null ? new long[0] : times[bed];
      for (long ts : load.takenTimes(bed)) {
        acknowledged++;
        int at = Arrays.binarySearch(stored, ts);
        if (at < 0) {
          lost++;
          continue;
        }
        matched++;
        int n = counts[bed][at];
        if (n < BedTelemetry.READINGS) {
          partial++;
        } else if (n > BedTelemetry.READINGS) {
          doubled++;
        }
      }
    }
    long storedMessages = Arrays.stream(times).mapToLong(t -> t == null ? 0 : t.length).sum();
    return new Outcome(acknowledged, lost, partial, doubled, storedMessages - matched);
  }

  private static void collect(
      ResultSet rs, Map<Integer, Integer> byDeviceId, long[][] times, int[][] counts)
      throws SQLException {
    int current = -1;
    long[] t = new long[0];
    int[] n = new int[0];
    int size = 0;
    while (rs.next()) {
      Integer bed = byDeviceId.get(rs.getInt(1));
      if (bed == null) {
        continue;
      }
      if (bed != current) {
        if (current >= 0) {
          times[current] = Arrays.copyOf(t, size);
          counts[current] = Arrays.copyOf(n, size);
        }
        current = bed;
        t = new long[64];
        n = new int[64];
        size = 0;
      }
      if (size == t.length) {
        t = Arrays.copyOf(t, size * 2);
        n = Arrays.copyOf(n, size * 2);
      }
      t[size] = rs.getLong(2);
      n[size] = rs.getInt(3);
      size++;
    }
    if (current >= 0) {
      times[current] = Arrays.copyOf(t, size);
      counts[current] = Arrays.copyOf(n, size);
    }
  }
}

package org.caregrid.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Where a running demo stands, for a wait that failed: its meters, its database's sessions and
 * locks, its threads and what it logged. A short form ends the report and names what matters in a
 * few lines; before it come the whole log and thread dump. Every probe is bounded in time: a stuck
 * demo must not make the report itself hang.
 */
final class DemoDiagnosis {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
  private static final int SHORT_LOG_LINES = 8;

  private final long pid;
  private final String meters;
  private final String sessions;
  private final String threads;
  private final String printed;

  /** Probes the demo now. */
  DemoDiagnosis(String base, int databasePort, long pid, Path log) {
    this.pid = pid;
    this.meters = meters(base);
    this.sessions = databaseSessions(databasePort);
    this.threads = threadDump(pid);
    this.printed = printed(log);
  }

  /** What the demo printed, its threads and its meters, whole. */
  String inFull() {
    return "the demo printed:\n"
        + printed
        + "\nits threads:\n"
        + threads
        + "\nits ingest meters that are not zero:\n"
        + meters;
  }

  /** What matters, in a few lines under {@code headline}. */
  String inShort(String headline) {
    return headline
        + "\n"
        + process()
        + "\ningest meters: "
        + meters.lines().filter(DemoDiagnosis::shortMeter).collect(Collectors.joining("; "))
        + "\ndatabase sessions not idle, and locks not granted:\n"
        + sessions
        + "JDBC worker threads:\n"
        + databaseWorkers(threads)
        + "warnings and errors logged, the last "
        + SHORT_LOG_LINES
        + ":\n"
        + warnings(printed);
  }

  private String process() {
    return ProcessHandle.of(pid)
        .map(p -> "the demo (pid " + pid + ") is running")
        .orElse("the demo (pid " + pid + ") has exited");
  }

  private static boolean shortMeter(String line) {
    return !line.contains("quantile=") && !line.contains("_seconds_") && !line.contains("_sum ");
  }

  private static String meters(String base) {
    try {
      return DemoProcess.get(base + "/metrics")
          .body()
          .lines()
          .filter(l -> l.startsWith("caregrid_ingest_") && !l.endsWith(" 0.0"))
          .map(
              l ->
                  l.replaceAll("node=\"[^\"]*\",role=\"[^\"]*\",?", "")
                      .replace(",}", "}")
                      .replace("{}", ""))
          .collect(Collectors.joining("\n"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (Exception e) { // the request failed or took too long
      return "/metrics unavailable: " + e;
    }
  }

  private static String databaseSessions(int databasePort) {
    long timeoutS = PROBE_TIMEOUT.toSeconds();
    String url =
        "jdbc:postgresql://127.0.0.1:%d/postgres?user=postgres&connectTimeout=%d&socketTimeout=%d"
            .formatted(databasePort, timeoutS, timeoutS);
    StringBuilder out = new StringBuilder();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String sql :
          List.of(
              "SELECT pid, state, wait_event_type, wait_event,"
                  + " date_trunc('milliseconds', now() - xact_start) AS in_transaction,"
                  + " left(regexp_replace(query, '\\s+', ' ', 'g'), 120) AS query"
                  + " FROM pg_stat_activity WHERE backend_type = 'client backend'"
                  + " AND state <> 'idle' AND pid <> pg_backend_pid()",
              "SELECT pid, locktype, relation::regclass AS relation, mode, 'not granted' AS lock"
                  + " FROM pg_locks WHERE NOT granted")) {
        try (ResultSet rs = s.executeQuery(sql)) {
          ResultSetMetaData columns = rs.getMetaData();
          while (rs.next()) {
            out.append("  ");
            for (int i = 1; i <= columns.getColumnCount(); i++) {
              out.append(columns.getColumnLabel(i)).append('=').append(rs.getString(i));
              out.append(i < columns.getColumnCount() ? ", " : "\n");
            }
          }
        }
      }
      return out.toString();
    } catch (SQLException e) {
      return "  unavailable: " + e.getMessage() + "\n";
    }
  }

  /** {@code jcmd Thread.print}, its output in a file so a silent jcmd cannot block the read. */
  private static String threadDump(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Path out = Files.createTempFile("demo-threads", ".txt");
      try {
        Process p =
            new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(2 * PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return "jcmd did not finish within " + 2 * PROBE_TIMEOUT.toSeconds() + " s";
        }
        return Files.readString(out);
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      return "unavailable: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /**
   * Each busy JDBC worker's state, its innermost frame and the innermost CareGrid frame: a stalled
   * write shows where it waits. Idle workers are only counted.
   */
  private static String databaseWorkers(String threadDump) {
    List<String> busy = new ArrayList<>();
    int idle = 0;
    for (String block : threadDump.split("\n\n")) {
      if (!block.startsWith("\"caregrid-db") && !block.startsWith("\"caregrid-alerting-db")) {
        continue;
      }
      List<String> lines = block.lines().map(String::trim).toList();
      List<String> frames =
          lines.stream().filter(l -> l.startsWith("at ")).map(l -> l.substring(3)).toList();
      Optional<String> ours = frames.stream().filter(f -> f.startsWith("org.caregrid")).findFirst();
      if (ours.isEmpty()) {
        idle++;
        continue;
      }
      String name = lines.get(0).substring(1, lines.get(0).indexOf('"', 1));
      String state = lines.get(1).replace("java.lang.Thread.State: ", "");
      busy.add("  " + name + " " + state + " at " + frames.get(0) + " in " + ours.get());
    }
    busy.add("  " + idle + " idle");
    return String.join("\n", busy) + "\n";
  }

  private static String printed(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  private static String warnings(String printed) {
    List<String> bad =
        printed.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
    return String.join("\n", bad.subList(Math.max(0, bad.size() - SHORT_LOG_LINES), bad.size()));
  }
}

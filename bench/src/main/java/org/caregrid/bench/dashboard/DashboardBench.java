package org.caregrid.bench.dashboard;

import static org.caregrid.bench.rig.Results.round;
import static org.caregrid.bench.rig.Results.say;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.caregrid.bench.district.BenchDistrict;
import org.caregrid.bench.rig.BenchDatabase;
import org.caregrid.bench.rig.IngestProcess;
import org.caregrid.bench.rig.PlatformOptions;
import org.caregrid.bench.rig.ProcStat;
import org.caregrid.bench.rig.Results;
import org.caregrid.core.reading.Metric;
import org.caregrid.testing.FreePorts;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestMosquitto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The console's reads against a district's history: weeks of care-bed readings (raw rows and both
 * rollups), of alerts and of care operations (contacts, visit plans and visits, calls) are written
 * straight into a fresh database, then the platform as deployed answers the alert lists, residents'
 * charts and the care-operations pages one request at a time, staff log calls on alerts, and
 * consoles holding the live alert stream open receive alert changes the bench makes through the
 * API.
 */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description =
        "Dashboard API: alert lists, charts and care operations over a seeded history; call logging;"
            + " alert changes to open SSE clients.")
public final class DashboardBench implements Callable<Integer> {
  @Mixin PlatformOptions server;

  @Option(
      names = "--devices",
      defaultValue = "1000",
      description = "care beds with readings, one per resident (each also has an SOS pendant)")
  public int devices;

  @Option(names = "--days", defaultValue = "30", description = "of history: rollups and alerts")
  public int days;

  @Option(
      names = "--interval-s",
      defaultValue = "60",
      description = "each bed reports pulse, respiration, in-bed and movement this often")
  public int intervalS;

  @Option(
      names = "--raw-days",
      defaultValue = "1",
      description = "days of raw readings (the API reads raw rows only for up to 2 h)")
  public int rawDays;

  @Option(
      names = "--minute-days",
      defaultValue = "2",
      description = "days of 1-minute rollups (the API reads them only for up to 2 days)")
  public int minuteDays;

  @Option(names = "--alerts-per-day", defaultValue = "500", description = "closed alerts")
  public int alertsPerDay;

  @Option(names = "--open-alerts", defaultValue = "60", description = "the open queue")
  public int openAlerts;

  @Option(
      names = "--database",
      description = "measure an already seeded bench database (its name) instead of seeding one")
  public String database;

  @Option(names = "--requests", defaultValue = "1000", description = "measured, of each kind")
  public int requests;

  @Option(names = "--warmup-requests", defaultValue = "200", description = "of each kind")
  public int warmupRequests;

  @Option(
      names = "--calls",
      defaultValue = "200",
      description = "measured calls logged (POST) by station staff on its open alerts")
  public int calls;

  @Option(names = "--warmup-calls", defaultValue = "20")
  public int warmupCalls;

  @Option(names = "--sse-clients", defaultValue = "200")
  public int sseClients;

  @Option(names = "--changes", defaultValue = "200", description = "measured alert changes")
  public int changes;

  @Option(names = "--warmup-changes", defaultValue = "20")
  public int warmupChanges;

  @Option(names = "--change-rate", defaultValue = "5", description = "alert changes/s at most")
  public double changeRate;

  private static final String TASKS = "/api/v1/visits/tasks";

  private final Results results = new Results();

  public Results results() {
    return results;
  }

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("caregrid-bench");
    boolean ok;
    try (BenchDatabase db =
        database == null
            ? BenchDatabase.create(server.adminUrl)
            : BenchDatabase.open(server.adminUrl, database)) {
      results.put("database", db.name());
      db.describe(results);
      if (database == null) {
        seed(db.dataSource());
      }
      Instant end = historyEnd(db.dataSource());
      sizes(db.dataSource());
      try (TestMosquitto broker = TestMosquitto.start(dir);
          IngestProcess platform = startPlatform(db, broker, dir)) {
        say("platform ready; logs in %s", dir);
        ApiSession admin =
            ApiSession.signIn(platform.httpPort(), BenchStaff.ADMIN, BenchStaff.PASSWORD);
        ApiSession staff =
            ApiSession.signIn(platform.httpPort(), BenchStaff.STAFF, BenchStaff.PASSWORD);
        RequestTimes times = queries(db.dataSource(), platform, admin, staff, end);
        ok = times.failures() == 0;
        ok &= fanOut(db.dataSource(), platform, admin, staff);
      }
    }
    results.put("ok", ok);
    System.out.println(results.toJson());
    return ok ? 0 : 1;
  }

  private void seed(HikariDataSource db) throws Exception {
    BenchDistrict district = BenchDistrict.enrol(db, devices);
    List<Integer> beds = beds(db);
    ReadingHistory history =
        new ReadingHistory(
            db, beds, Duration.ofSeconds(intervalS), Instant.now(), days, rawDays, minuteDays);
    say(
        "seeding %d days of readings for %d beds (every %d s; raw for the last %d days, 1-minute"
            + " rollups for %d)",
        days, beds.size(), intervalS, rawDays, minuteDays);
    ReadingHistory.Written w = history.write();
    say(
        "readings: %d raw, %d minute and %d hour rows in %.0f s",
        w.raw(), w.minutes(), w.hours(), w.seconds());
    long t0 = System.nanoTime();
    history.vacuum();
    history.markDevicesSeen();
    double vacuumSeconds = (System.nanoTime() - t0) / 1e9;
    BenchStaff.enrol(db);
    t0 = System.nanoTime();
    AlertHistory.Written a = AlertHistory.write(db, Instant.now(), days, alertsPerDay, openAlerts);
    double alertSeconds = (System.nanoTime() - t0) / 1e9;
    say(
        "alerts: %d closed, %d open, %d routes, %d audit rows in %.0f s",
        a.closed(), a.open(), a.routes(), a.events(), alertSeconds);
    t0 = System.nanoTime();
    CareHistory.Written care = CareHistory.write(db, Instant.now(), days);
    double careSeconds = (System.nanoTime() - t0) / 1e9;
    say(
        "care: %d contacts, %d medical summaries, %d assessments, %d visit plans (%d overdue),"
            + " %d visits, %d calls in %.0f s",
        care.contacts(),
        care.summaries(),
        care.assessments(),
        care.plans(),
        care.overduePlans(),
        care.visits(),
        care.calls(),
        careSeconds);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("residents", district.residents().size());
    s.put("beds", beds.size());
    s.put("days", days);
    s.put("interval_s", intervalS);
    s.put("raw_days", rawDays);
    s.put("minute_days", minuteDays);
    s.put("raw_rows", w.raw());
    s.put("minute_rows", w.minutes());
    s.put("hour_rows", w.hours());
    s.put("readings_seconds", round(w.seconds()));
    s.put("vacuum_seconds", round(vacuumSeconds));
    s.put("closed_alerts", a.closed());
    s.put("open_alerts", a.open());
    s.put("alert_routes", a.routes());
    s.put("alert_events", a.events());
    s.put("alerts_seconds", round(alertSeconds));
    s.put("family_doctors", care.doctors());
    s.put("contacts", care.contacts());
    s.put("medical_summaries", care.summaries());
    s.put("assessments", care.assessments());
    s.put("visit_plans", care.plans());
    s.put("visit_plans_overdue", care.overduePlans());
    s.put("visits", care.visits());
    s.put("call_attempts", care.calls());
    s.put("care_seconds", round(careSeconds));
    results.put("seed", s);
  }

  private static List<Integer> beds(HikariDataSource db) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT id FROM device WHERE kind = 'care_bed' ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  /** The minute after the newest minute rollup (of the first bed's pulse): charts end there. */
  private static Instant historyEnd(HikariDataSource db) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT max(bucket) FROM reading_1m WHERE metric = "
                    + Metric.HR.dbCode()
                    + " AND device_id ="
                    + " (SELECT min(id) FROM device WHERE kind = 'care_bed')")) {
      rs.next();
      return rs.getTimestamp(1).toInstant().plus(Duration.ofMinutes(1));
    }
  }

  private void sizes(HikariDataSource db) {
    // Decided here, not in SQL: PostgreSQL resolves hypertable_size() even in a CASE branch it
    // never takes, and fails where TimescaleDB is not installed.
    boolean hypertable =
        Sql.count(db, "SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'") > 0;
    Map<String, Object> s = new LinkedHashMap<>();
    for (String table : List.of("reading", "reading_1m", "reading_1h", "alert", "alert_event")) {
      String size =
          hypertable && table.equals("reading")
              ? "hypertable_size('reading')"
              : "pg_total_relation_size('" + table + "')";
      long bytes = Sql.count(db, "SELECT " + size);
      s.put(table + "_mib", bytes / (1024 * 1024));
    }
    results.put("sizes", s);
  }

  private IngestProcess startPlatform(BenchDatabase db, TestMosquitto broker, Path dir)
      throws IOException {
    Map<String, String> env = new HashMap<>(IngestProcess.env(db.url(), broker.url(), 1, 1000));
    // Seeded open alerts must not escalate, nor seeded devices go offline, during the run.
    for (String severity : List.of("CRITICAL", "HIGH", "MEDIUM", "LOW")) {
      env.put("CAREGRID_ALERTING_ROUTING_" + severity, "1h");
    }
    env.put("CAREGRID_ALERTING_RULES_DEVICE_OFFLINE_START_GRACE", "2h");
    return IngestProcess.start(
        server.jar.toAbsolutePath(),
        dir.resolve("platform.log"),
        server.heap,
        List.of(),
        env,
        FreePorts.tcp(),
        "ingest,alerting,dashboard");
  }

  /**
   * One request at a time, the kinds in turn, so each sees the same conditions: the alert lists as
   * district admin and as station staff (the open queue; closed critical and high alerts of the
   * last week, first page and the next), a random resident's pulse chart over 24 h, 7 days and 2 h,
   * the visits due as station staff and as district admin, the visit report, the station's handover
   * draft, and the handover card and call log of the station's open alerts in turn. Then station
   * staff log calls on those alerts, one at a time.
   */
  private RequestTimes queries(
      HikariDataSource db, IngestProcess platform, ApiSession admin, ApiSession staff, Instant end)
      throws Exception {
    List<Integer> residents = ids(db, "SELECT id FROM resident ORDER BY id");
    List<Integer> staffAlerts = staffAlerts(db);
    String draft =
        "/api/v1/stations/"
            + ids(db, "SELECT id FROM station WHERE code = '" + AlertHistory.STAFF_STATION + "'")
                .get(0)
            + "/handovers/draft";
    String week =
        URLEncoder.encode(end.minus(Duration.ofDays(7)).toString(), StandardCharsets.UTF_8);
    String filtered =
        "/api/v1/alerts?state=closed&severity=critical,high&from=" + week + "&limit=50";
    SplittableRandom random = new SplittableRandom(7);
    RequestTimes times = new RequestTimes();
    RequestTimes ignored = new RequestTimes();
    say(
        "queries: %d warm-up and %d measured requests of each kind, one at a time",
        warmupRequests, requests);
    double cpu0 = 0;
    double busy0 = 0;
    long t0 = 0;
    for (int i = 0; i < warmupRequests + requests; i++) {
      if (i == warmupRequests) {
        cpu0 = platform.cpuSeconds();
        busy0 = ProcStat.machineBusySeconds();
        t0 = System.nanoTime();
        results.put("load_average_before_queries", ProcStat.loadAverage());
      }
      RequestTimes into = i < warmupRequests ? ignored : times;
      timed(into, "alerts_open_admin", admin, "/api/v1/alerts", items());
      timed(into, "alerts_open_staff", staff, "/api/v1/alerts", items());
      String next = timed(into, "alerts_filtered_admin", admin, filtered, items());
      if (next != null) {
        timed(into, "alerts_filtered_next_page_admin", admin, nextPage(filtered, next), items());
      }
      next = timed(into, "alerts_filtered_staff", staff, filtered, items());
      if (next != null) {
        timed(into, "alerts_filtered_next_page_staff", staff, nextPage(filtered, next), items());
      }
      int resident = residents.get(random.nextInt(residents.size()));
      timed(into, "chart_24h", admin, chart(resident, end, Duration.ofHours(24)), points());
      timed(into, "chart_7d", admin, chart(resident, end, Duration.ofDays(7)), points());
      timed(into, "chart_2h_raw", admin, chart(resident, end, Duration.ofHours(2)), points());
      timed(into, "visits_tasks_staff", staff, TASKS, array());
      timed(into, "visits_tasks_admin", admin, TASKS, array());
      timed(into, "visits_report_admin", admin, "/api/v1/reports/visits", district());
      timed(into, "handover_draft_staff", staff, draft, field("visitsDue"));
      String alert = "/api/v1/alerts/" + staffAlerts.get(i % staffAlerts.size());
      timed(into, "alert_handover_card_staff", staff, alert + "/handover", field("contacts"));
      timed(into, "alert_calls_staff", staff, alert + "/calls", array());
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    results.put("queries_platform_cpu_cores", round((platform.cpuSeconds() - cpu0) / elapsed));
    results.put(
        "queries_machine_cpu_cores", round((ProcStat.machineBusySeconds() - busy0) / elapsed));
    results.put("load_average_after_queries", ProcStat.loadAverage());
    results.put("visits_tasks_staff_items", items(staff, TASKS));
    results.put("visits_tasks_admin_items", items(admin, TASKS));
    results.put("staff_open_alerts", staffAlerts.size());
    logCalls(staff, staffAlerts, times, ignored);
    times.putInto(results);
    System.out.print(times.markdown());
    return times;
  }

  /**
   * Station staff log calls on their station's open alerts in turn, the outcomes in turn, as a
   * responder does between an accept and the arrival on site.
   */
  private void logCalls(
      ApiSession staff, List<Integer> alerts, RequestTimes times, RequestTimes ignored)
      throws IOException, InterruptedException {
    say("calls: %d warm-up and %d measured, one at a time", warmupCalls, calls);
    String[] outcomes = {"no_answer", "busy", "answered", "wrong_number"};
    for (int i = 0; i < warmupCalls + calls; i++) {
      String path = "/api/v1/alerts/" + alerts.get(i % alerts.size()) + "/calls";
      JsonObject call =
          new JsonObject()
              .put("callee", "contact")
              .put("phone", "139 0000 " + String.format(Locale.ROOT, "%04d", i % 10_000))
              .put("outcome", outcomes[i % outcomes.length])
              .put("note", "bench " + i);
      timed(
          i < warmupCalls ? ignored : times,
          "call_log_staff",
          () -> staff.post(path, call),
          201,
          field("id"));
    }
  }

  /** The open alerts routed to the station staff's station. */
  private static List<Integer> staffAlerts(HikariDataSource db) throws SQLException {
    List<Integer> alerts =
        ids(
            db,
            "SELECT a.id FROM alert a JOIN alert_route r ON r.alert_id = a.id"
                + " JOIN station s ON s.id = r.station_id WHERE s.code = '"
                + AlertHistory.STAFF_STATION
                + "' AND a.state NOT IN ('resolved', 'cancelled') ORDER BY a.id");
    if (alerts.isEmpty()) {
      throw new IllegalStateException("no open alert routed to " + AlertHistory.STAFF_STATION);
    }
    return alerts;
  }

  /** How many items a list answers with, or -1 if it does not answer one. */
  private static int items(ApiSession session, String path)
      throws IOException, InterruptedException {
    HttpResponse<String> r = session.get(path);
    return r.statusCode() == 200 && Json.decodeValue(r.body()) instanceof JsonArray a
        ? a.size()
        : -1;
  }

  private static String chart(int resident, Instant end, Duration span) {
    return "/api/v1/readings?resident="
        + resident
        + "&metric=hr&from="
        + end.minus(span)
        + "&to="
        + end;
  }

  private static String nextPage(String first, String cursor) {
    return first + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
  }

  private static Predicate<Object> items() {
    return body -> body instanceof JsonObject o && o.getJsonArray("items") != null;
  }

  private static Predicate<Object> points() {
    return body ->
        body instanceof JsonObject o
            && o.getJsonArray("points") != null
            && !o.getJsonArray("points").isEmpty();
  }

  private static Predicate<Object> array() {
    return body -> body instanceof JsonArray;
  }

  private static Predicate<Object> field(String name) {
    return body -> body instanceof JsonObject o && o.getValue(name) != null;
  }

  /** The visit report with the district's figures and at least one station's. */
  private static Predicate<Object> district() {
    return body ->
        body instanceof JsonObject o
            && o.getJsonObject("district") != null
            && o.getJsonArray("stations") != null
            && !o.getJsonArray("stations").isEmpty();
  }

  /**
   * Times one GET; a non-200 answer or a body without what it must hold counts as a failure.
   *
   * @return the answer's {@code nextCursor}, if any
   */
  private static String timed(
      RequestTimes into, String kind, ApiSession session, String path, Predicate<Object> ok)
      throws IOException, InterruptedException {
    return timed(into, kind, () -> session.get(path), 200, ok);
  }

  /** One request of the API. */
  private interface Request {
    HttpResponse<String> send() throws IOException, InterruptedException;
  }

  /**
   * Times one request; another status than {@code status} or a body without what it must hold
   * counts as a failure.
   *
   * @return the answer's {@code nextCursor}, if any
   */
  private static String timed(
      RequestTimes into, String kind, Request request, int status, Predicate<Object> ok)
      throws IOException, InterruptedException {
    long t = System.nanoTime();
    HttpResponse<String> r = request.send();
    long nanos = System.nanoTime() - t;
    Object body = null;
    try {
      body = r.statusCode() == status ? Json.decodeValue(r.body()) : null;
    } catch (RuntimeException e) {
      // counted below
    }
    if (body == null || !ok.test(body)) {
      into.failed(kind);
      if (into.failures() <= 3) {
        say("%s: %s answered %d %s", kind, r.uri(), r.statusCode(), abbreviate(r.body()));
      }
      return null;
    }
    into.record(kind, nanos);
    return body instanceof JsonObject o ? o.getString("nextCursor") : null;
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  /**
   * Open SSE clients, half signed in as the district admin and half as station staff, and alert
   * changes (a note through the API on an open alert routed to the staff's station, so every client
   * may see it) one after another: each is timed from the instant its request is sent to each
   * client's receipt, and the next is sent once every client has it (or after 10 s).
   */
  private boolean fanOut(
      HikariDataSource db, IngestProcess platform, ApiSession admin, ApiSession staff)
      throws Exception {
    List<Integer> targets = staffAlerts(db);
    List<String> cookies = new ArrayList<>();
    for (int i = 0; i < sseClients; i++) {
      cookies.add((i % 2 == 0 ? admin : staff).cookieHeader());
    }
    FanOutLedger ledger = new FanOutLedger(sseClients);
    say("%d SSE clients connecting", sseClients);
    try (SseClients clients = new SseClients(platform.httpPort(), cookies, ledger)) {
      say(
          "alert changes: %d warm-up and %d measured, at most %.0f/s, on %d alerts",
          warmupChanges, changes, changeRate, targets.size());
      long gap = (long) (1e9 / changeRate);
      long failures = 0;
      double cpu0 = 0;
      long t0 = 0;
      for (int i = 0; i < warmupChanges + changes; i++) {
        if (i == warmupChanges) {
          cpu0 = platform.cpuSeconds();
          t0 = System.nanoTime();
        }
        long slot = System.nanoTime() + gap;
        long alert = targets.get(i % targets.size());
        FanOutLedger.Change change = ledger.expect(alert, i >= warmupChanges);
        HttpResponse<String> r =
            admin.post(
                "/api/v1/alerts/" + alert + "/notes", new JsonObject().put("note", "bench " + i));
        change.responded(System.nanoTime());
        if (r.statusCode() != 200) {
          failures++;
          say("note on alert %d answered %d %s", alert, r.statusCode(), abbreviate(r.body()));
        }
        change.await(10_000);
        LockSupport.parkNanos(slot - System.nanoTime());
      }
      double elapsed = (System.nanoTime() - t0) / 1e9;
      results.put("sse_platform_cpu_cores", round((platform.cpuSeconds() - cpu0) / elapsed));
      results.put("sse_clients", sseClients);
      results.put("sse_changes_measured", ledger.measuredChanges());
      results.put("sse_changes_incomplete", ledger.incomplete());
      results.put("sse_receipts_measured", ledger.measuredReceipts());
      results.put("sse_p50_ms", round(ledger.percentileMs(50)));
      results.put("sse_p90_ms", round(ledger.percentileMs(90)));
      results.put("sse_p99_ms", round(ledger.percentileMs(99)));
      results.put("sse_max_ms", round(ledger.maxMs()));
      results.put("sse_trigger_response_p50_ms", round(ledger.responsePercentileMs(50)));
      results.put("sse_trigger_response_p99_ms", round(ledger.responsePercentileMs(99)));
      results.put("sse_unmatched_events", ledger.unmatched());
      results.put("sse_unreadable_events", clients.unreadable());
      results.put("sse_streams_closed", clients.closed());
      results.put("sse_trigger_failures", failures);
      split(db, ledger);
      say(
          "alert change to %d SSE clients (%d changes, %d receipts): p50 %.1f ms, p90 %.1f, p99"
              + " %.1f, max %.1f; %d changes not received by every client",
          sseClients,
          ledger.measuredChanges(),
          ledger.measuredReceipts(),
          ledger.percentileMs(50),
          ledger.percentileMs(90),
          ledger.percentileMs(99),
          ledger.maxMs(),
          ledger.incomplete());
      return failures == 0
          && ledger.incomplete() == 0
          && clients.closed() == 0
          && clients.unreadable() == 0
          && ledger.measuredReceipts() == (long) changes * sseClients;
    }
  }

  /** Request sent → the note's audit row (platform clock), and that row → mean receipt. */
  private void split(HikariDataSource db, FanOutLedger ledger) throws SQLException {
    long[] ids = ledger.eventIds();
    if (ids.length == 0) {
      results.put("sse_split", "no SSE ids");
      return;
    }
    Map<Long, Long> at = new HashMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, (extract(epoch FROM at) * 1000000)::bigint FROM alert_event"
                    + " WHERE id = ANY(?)")) {
      Array array = c.createArrayOf("int8", java.util.Arrays.stream(ids).boxed().toArray());
      ps.setArray(1, array);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          at.put(rs.getLong(1), rs.getLong(2));
        }
      }
    }
    double[] s = ledger.splitAt(at);
    if (s.length == 4) {
      results.put("sse_sent_to_audit_p50_ms", round(s[0]));
      results.put("sse_sent_to_audit_p99_ms", round(s[1]));
      results.put("sse_audit_to_mean_receipt_p50_ms", round(s[2]));
      results.put("sse_audit_to_mean_receipt_p99_ms", round(s[3]));
    }
  }

  private static List<Integer> ids(HikariDataSource db, String sql) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }
}

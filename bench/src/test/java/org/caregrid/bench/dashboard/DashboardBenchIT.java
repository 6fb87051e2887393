package org.caregrid.bench.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.caregrid.bench.rig.Results;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The dashboard benchmark as it is run, at a toy size: two days of history for a few beds, a few
 * requests of each kind and a few alert changes to a few SSE clients, against the packaged
 * platform. Every request must answer as the contract says, every call be logged, and every client
 * receive every change.
 */
@Timeout(300)
class DashboardBenchIT {
  private static final Path JAR = Path.of("..", "server", "target", "caregrid.jar");

  @Test
  void answersEveryRequestAndDeliversEveryChangeToEveryClient() {
    String server = TestServices.adminUrl(TestServices.freshDatabase());
    DashboardBench bench = new DashboardBench();

    int exit =
        new CommandLine(bench)
            .execute(
                "--jar", JAR.toString(),
                "--db", server,
                "--devices", "6",
                "--days", "2",
                "--raw-days", "1",
                "--minute-days", "2",
                "--alerts-per-day", "20",
                "--open-alerts", "5",
                "--requests", "5",
                "--warmup-requests", "2",
                "--sse-clients", "4",
                "--changes", "5",
                "--warmup-changes", "1",
                "--change-rate", "20",
                "--calls", "4",
                "--warmup-calls", "1",
                "--heap", "256m");

    Results results = bench.results();
    assertThat(exit).isZero();
    Map<?, ?> seed = (Map<?, ?>) results.get("seed");
    // 6 beds x 4 metrics, one reading a minute: a day of raw rows, two of minute rollups
    assertThat(seed.get("raw_rows")).isEqualTo(6L * 4 * 1440);
    assertThat(seed.get("minute_rows")).isEqualTo(6L * 4 * 2 * 1440);
    assertThat(seed.get("closed_alerts")).isEqualTo(40L);
    assertThat(seed.get("open_alerts")).isEqualTo(5L);
    assertThat((Long) seed.get("visit_plans")).isPositive();
    assertThat((Long) seed.get("contacts")).isBetween(6L, 18L);
    for (String kind :
        new String[] {
          "alerts_open_admin",
          "alerts_open_staff",
          "chart_24h",
          "visits_tasks_staff",
          "visits_tasks_admin",
          "visits_report_admin",
          "handover_draft_staff",
          "alert_handover_card_staff",
          "alert_calls_staff"
        }) {
      Map<?, ?> r = (Map<?, ?>) results.get(kind);
      assertThat(r.get("count")).as(kind).isEqualTo(5L);
      assertThat(r.get("failures")).as(kind).isEqualTo(0L);
    }
    Map<?, ?> calls = (Map<?, ?>) results.get("call_log_staff");
    assertThat(calls.get("count")).isEqualTo(4L);
    assertThat(calls.get("failures")).isEqualTo(0L);
    assertThat(results.get("sse_changes_measured")).isEqualTo(5L);
    assertThat(results.get("sse_receipts_measured")).isEqualTo(20L);
    assertThat(results.get("sse_changes_incomplete")).isEqualTo(0L);
  }
}

package org.caregrid.bench.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.caregrid.bench.rig.Results;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The alerting benchmark as it is run, briefly: a few residents press their pendants for a couple
 * of seconds under light background telemetry, against the packaged platform. Every press must
 * bring exactly one help request and one stored alert, and the background none.
 */
@Timeout(300)
class AlertBenchIT {
  private static final Path JAR = Path.of("..", "server", "target", "caregrid.jar");

  @Test
  void bringsOneHelpRequestAndOneAlertPerPressAndNothingForTheBackground() {
    String server = TestServices.adminUrl(TestServices.freshDatabase());
    AlertBench bench = new AlertBench();

    int exit =
        new CommandLine(bench)
            .execute(
                "--jar", JAR.toString(),
                "--db", server,
                "--residents", "12",
                "--rate", "400",
                "--sos-rate", "4",
                "--seconds", "2",
                "--warmup-seconds", "1",
                "--heap", "256m");

    Results results = bench.results();
    assertThat(exit).isZero();
    assertThat(results.get("sos_pressed")).isEqualTo(12L);
    assertThat(results.get("sos_measured")).isEqualTo(8L);
    assertThat(results.get("latency_count")).isEqualTo(8L);
    assertThat(results.get("lost")).isEqualTo(0L);
    assertThat(results.get("duplicated")).isEqualTo(0L);
    assertThat(results.get("help_requests_for_no_press")).isEqualTo(0L);
    assertThat(results.get("sos_alert_rows")).isEqualTo(12L);
    assertThat(results.get("other_alerts")).isEqualTo(0L);
    assertThat((long) results.get("background_readings_acked")).isPositive();
  }
}

package org.caregrid.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.caregrid.bench.rig.Results;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The district-scale benchmark as it is run, tiny and brief: a few residents' beds and pendants,
 * reconnected and reporting for seconds against the packaged platform, with the fleet and report
 * requests answered and every figure present.
 */
@Timeout(300)
class ScaleBenchIT {
  private static final Path JAR = Path.of("..", "server", "target", "caregrid.jar");

  @Test
  void measuresTheRegistryTheSweepTheStatusWritesAndTheFleetRequests() {
    String server = TestServices.adminUrl(TestServices.freshDatabase());
    ScaleBench bench = new ScaleBench();

    int exit =
        new CommandLine(bench)
            .execute(
                "--jar", JAR.toString(),
                "--db", server,
                "--devices", "40",
                "--minutes", "0.1",
                "--bed-interval", "2",
                "--care-days", "3",
                "--api-pause-ms", "100",
                "--publishers", "2",
                "--heap", "256m",
                "--env", "CAREGRID_ALERTING_ENGINE_TICK=500ms");

    Results results = bench.results();
    assertThat(exit).isZero();
    assertThat(results.get("registry_devices")).isEqualTo(40L);
    assertThat((double) results.get("registry_load_s")).isPositive();
    assertThat((double) results.get("heap_after_load_mib")).isPositive();
    assertThat((double) results.get("reconnect_status_writes_per_s")).isPositive();
    assertThat((double) results.get("readings_per_s")).isPositive();
    assertThat(results.get("load_failed")).isEqualTo(0L);
    assertThat((long) results.get("sweep_passes")).isPositive();
    assertThat(results.get("sweep_residents_per_pass")).isEqualTo(20L);
    for (String request :
        new String[] {
          "fleet_first_page",
          "fleet_last_page",
          "fleet_offline",
          "fleet_low_battery",
          "fleet_pendants",
          "programme_report_30d",
          "visits_tasks_admin"
        }) {
      @SuppressWarnings("unchecked")
      Map<String, Object> times = (Map<String, Object>) results.get(request);
      assertThat(times).containsEntry("failures", 0L);
      assertThat((long) times.get("count")).isPositive();
    }
  }
}

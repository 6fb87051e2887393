package org.caregrid.bench.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.caregrid.bench.rig.Results;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The CoAP benchmark as it is run, briefly: a few devices for a couple of seconds against the
 * packaged platform and the bare server. Every reading acknowledged must be stored.
 */
@Timeout(300)
class CoapBenchIT {
  private static final Path JAR = Path.of("..", "server", "target", "caregrid.jar");

  @Test
  void storesEveryReadingThePlatformAcknowledgesAndMeasuresBothServers() {
    String server = TestServices.adminUrl(TestServices.freshDatabase());
    CoapBench bench = new CoapBench();

    int exit =
        new CommandLine(bench)
            .execute(
                "--jar", JAR.toString(),
                "--db", server,
                "--devices", "5",
                "--seconds", "2",
                "--warmup-seconds", "1",
                "--heap", "256m");

    Results results = bench.results();
    assertThat(exit).isZero();
    assertThat((long) results.get("ingest_handshakes_ok")).isEqualTo(5);
    assertThat((long) results.get("bare_handshakes_ok")).isEqualTo(5);
    assertThat((long) results.get("ingest_readings_acked")).isPositive();
    assertThat(results.get("ingest_readings_stored"))
        .isEqualTo(results.get("ingest_readings_acked"));
    assertThat((double) results.get("ingest_requests_per_s")).isPositive();
    assertThat((double) results.get("bare_requests_per_s")).isPositive();
  }
}

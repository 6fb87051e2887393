package org.caregrid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.caregrid.core.config.ConfigTree;
import org.caregrid.core.config.HttpConfig;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Debian's promtool against what ships: {@code /metrics} of a node running every role passes {@code
 * promtool check metrics}, and the alerting and recording rules in {@code deploy/prometheus} pass
 * {@code promtool check rules} and the alerting rules' unit tests. Skipped, saying so, where
 * promtool is not installed ({@code .ci/run} installs the {@code prometheus} package).
 */
@Timeout(120)
class PrometheusRulesIT {
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final Path RULES = Path.of("..", "deploy", "prometheus");

  private record Run(int exit, String output) {}

  @BeforeAll
  static void promtool() {
    assumeTrue(
        Files.isExecutable(PROMTOOL),
        "promtool is not installed (apt-get install prometheus): the Prometheus checks are skipped");
  }

  private static Run promtool(String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  @Test
  void theAlertingAndRecordingRulesPassPromtool() throws Exception {
    Run check = promtool(null, "check", "rules", "caregrid-alerts.yml", "caregrid-recording.yml");
    Run test = promtool(null, "test", "rules", "caregrid-alerts.test.yml");

    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output())
        .contains("SUCCESS: 6 rules found")
        .contains("SUCCESS: 10 rules found");
    assertThat(test.exit()).as(test.output()).isZero();
  }

  @Test
  void metricsOfANodeWithEveryRolePassPromtool() throws Exception {
    // given a node with every role that has raised, escalated and timed nothing yet
    String unique = UUID.randomUUID().toString().substring(0, 8);
    Settings defaults = Settings.bind(ConfigTree.ofEnv(Map.of()));
    IngestConfig ingest =
        defaults
            .ingest()
            .withMqtt(
                new IngestConfig.Mqtt(
                    2, "prom-" + unique, "prom" + unique, 1000, Duration.ofSeconds(30)))
            .withCoap(defaults.ingest().coap().disabled());
    Settings settings =
        defaults
            .withDatabase(TestServices.freshDatabase())
            .withMqtt(TestServices.broker())
            .withHttp(new HttpConfig("127.0.0.1", 0, ""))
            .withIngest(ingest);
    try (Launcher launcher = Launcher.start(settings, EnumSet.allOf(Role.class))) {
      // when Prometheus scrapes it
      String scrape = scrape(launcher.httpPort());

      // then promtool finds nothing to complain about, and the rules' meters are there
      Run lint = promtool(scrape, "check", "metrics");
      assertThat(lint.exit()).as(lint.output()).isZero();
      assertThat(lint.output()).isBlank();
      assertThat(scrape)
          .contains("caregrid_ingest_unacked_messages")
          .contains("caregrid_ingest_write_failures_total")
          .contains("caregrid_alerting_accept_duration_seconds_bucket{")
          .contains("le=\"60.0\"")
          .contains("caregrid_alerting_on_site_duration_seconds_bucket{")
          .contains("le=\"900.0\"")
          .contains("caregrid_city_records_pending")
          .contains("hikaricp_connections_pending");
    }
  }

  private static String scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }
}

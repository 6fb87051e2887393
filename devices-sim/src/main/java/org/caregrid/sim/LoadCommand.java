package org.caregrid.sim;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.StoragePreference;
import org.caregrid.sim.load.LoadEnrolment;
import org.caregrid.sim.load.LoadGenerator;
import org.caregrid.sim.load.LoadOptions;
import org.caregrid.sim.load.LoadSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Loads the platform through the broker from many devices and reports what it measured. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Publish care-bed telemetry from N devices at a target rate for a set time, optionally"
          + " injecting SOS presses timed to the station's help request; progress every few"
          + " seconds on stderr, a JSON summary on stdout.",
      "The devices must be enrolled: --enrol JDBC_URL enrols PREFIX000000.. (care beds),"
          + " PREFIXsos-00000.. (one pendant and resident per injected press) and a station;"
          + " the platform knows a device the moment its enrolment commits."
          + " A pendant opens one SOS alert; use a new --prefix for each run with --events."
    })
final class LoadCommand implements Callable<Integer> {
  @Option(
      names = "--broker",
      defaultValue = "tcp://127.0.0.1:1883",
      description =
          "MQTT broker URL; loopback only unless --allow-remote (default: ${DEFAULT-VALUE})")
  String broker;

  @Option(names = "--allow-remote", description = "Allow a broker on another machine")
  boolean allowRemote;

  @Option(
      names = "--devices",
      defaultValue = "1000",
      description = "Devices, at most 100000 (default: ${DEFAULT-VALUE})")
  int devices;

  @Option(
      names = "--rate",
      defaultValue = "1000",
      description =
          "Telemetry messages per second in all, 4 readings each (default: ${DEFAULT-VALUE})")
  double rate;

  @Option(
      names = "--duration",
      defaultValue = "60",
      description = "Seconds to publish, at most 3600 (default: ${DEFAULT-VALUE})")
  int seconds;

  @Option(names = "--qos", defaultValue = "1", description = "0 or 1 (default: ${DEFAULT-VALUE})")
  int qos;

  @Option(
      names = "--connections",
      defaultValue = "4",
      description = "MQTT connections the devices share (default: ${DEFAULT-VALUE})")
  int connections;

  @Option(
      names = "--in-flight",
      defaultValue = "20",
      description =
          "Unacknowledged publishes per connection; Mosquitto allows 20 by default"
              + " (default: ${DEFAULT-VALUE})")
  int inFlight;

  @Option(
      names = "--events",
      defaultValue = "0",
      description =
          "SOS presses per second, each timed from publish to the help request on"
              + " care/stations/+/alerts (default: ${DEFAULT-VALUE})")
  double events;

  @Option(
      names = "--prefix",
      defaultValue = "load-",
      description = "Device ids start with this (default: ${DEFAULT-VALUE})")
  String prefix;

  @Option(names = "--enrol", paramLabel = "JDBC_URL", description = "Enrol the devices here first")
  String enrolUrl;

  @Option(
      names = "--after-enrol",
      defaultValue = "0",
      description =
          "Seconds to wait after --enrol added devices; ingest hears of each enrolment at once,"
              + " so only a platform older than that needs it (default: ${DEFAULT-VALUE})")
  int afterEnrol;

  @Option(
      names = "--progress",
      defaultValue = "5",
      description = "Seconds between progress lines (default: ${DEFAULT-VALUE})")
  int progressEvery;

  @Option(names = "--out", description = "Also write the JSON summary to this file")
  Path out;

  @Override
  public Integer call() throws Exception {
    LoadOptions options;
    try {
      options =
          new LoadOptions(
              broker,
              prefix,
              devices,
              rate,
              Duration.ofSeconds(seconds),
              qos,
              connections,
              inFlight,
              events,
              Duration.ofSeconds(Math.max(1, progressEvery)));
      options.requireLoopback(allowRemote);
    } catch (IllegalArgumentException e) {
      System.err.println("caregrid-sim: " + e.getMessage());
      return 2;
    }
    if (enrolUrl != null) {
      try (HikariDataSource db =
          DataSources.create(
              new DatabaseConfig(enrolUrl, null, null, 1, StoragePreference.AUTO, ""),
              "sim-enrol")) {
        int added = LoadEnrolment.enrol(db, options);
        System.err.println("enrolled " + added + " devices");
        if (added > 0 && afterEnrol > 0) {
          System.err.println("waiting " + afterEnrol + " s for the platform to see them");
          Thread.sleep(afterEnrol * 1000L);
        }
      }
    }
    LoadSummary summary;
    try (LoadGenerator load = LoadGenerator.connect(options)) {
      summary = load.run(System.err);
    }
    String json = summary.toJson();
    System.out.println(json);
    if (out != null) {
      Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
    }
    return summary.failed() == 0 && summary.acknowledged() == summary.sent() ? 0 : 1;
  }
}

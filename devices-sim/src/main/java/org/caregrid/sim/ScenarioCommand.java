package org.caregrid.sim;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.StoragePreference;
import org.caregrid.sim.scenario.Expectation;
import org.caregrid.sim.scenario.Scenario;
import org.caregrid.sim.scenario.ScenarioDevice;
import org.caregrid.sim.scenario.ScenarioFile;
import org.caregrid.sim.scenario.ScenarioHome;
import org.caregrid.sim.scenario.ScenarioRunner;
import org.caregrid.sim.scenario.Timeline;
import org.caregrid.sim.scenario.Uplink;
import org.caregrid.sim.transport.MqttSender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Plays one scenario against a running platform, in real time: a wait of 30 min takes 30 min, and
 * the night scenarios alert only when it is night in the home's time zone. (The integration tests
 * run the same scenarios on a simulated clock.)
 */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    description = {
      "Play a scenario (built-in by name, or --file) against a running platform, in real time.",
      "Built-in: sos, fall, fall-cancel, bed-exit, night-wandering, deterioration, device-offline,"
          + " low-battery, glitch, clock-skew, duplicates, malformed."
    })
final class ScenarioCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "NAME", description = "A built-in scenario")
  String name;

  @Option(names = "--file", description = "A scenario file (YAML or JSON, same shape)")
  Path file;

  @Option(names = "--list", description = "List the built-in scenarios and what they expect")
  boolean list;

  @Option(
      names = "--broker",
      defaultValue = "tcp://127.0.0.1:1883",
      description =
          "MQTT broker URL, or several separated by commas, tried in turn on every (re)connect"
              + " (default: ${DEFAULT-VALUE})")
  String broker;

  @Option(
      names = "--prefix",
      description = "Device ids are PREFIX + the scenario's device name (default: sim-NAME-)")
  String prefix;

  @Option(
      names = "--enrol",
      paramLabel = "JDBC_URL",
      description =
          "Enrol the scenario's home, resident, devices and a station in this database first"
              + " (ingest sees them after its registry refresh, 30 s by default)")
  String enrolUrl;

  @Option(
      names = "--station",
      defaultValue = "sim-cs",
      description = "Station code to create with --enrol (default: ${DEFAULT-VALUE})")
  String station;

  @Override
  public Integer call() throws Exception {
    if (list) {
      for (String n : ScenarioFile.BUILT_IN) {
        Scenario s = ScenarioFile.builtIn(n);
        System.out.printf("%-16s %s%n", n, expected(s.expect()));
      }
      return 0;
    }
    if ((name == null) == (file == null)) {
      System.err.println("caregrid-sim: name a built-in scenario or give --file, not both");
      return 2;
    }
    Scenario scenario = file != null ? ScenarioFile.read(file) : ScenarioFile.builtIn(name);
    String ids = prefix != null ? prefix : "sim-" + scenario.name() + "-";
    Map<String, String> uids = new LinkedHashMap<>();
    scenario.devices().forEach(d -> uids.put(d.name(), ids + d.name()));
    if (enrolUrl != null) {
      try (HikariDataSource db =
          DataSources.create(
              new DatabaseConfig(enrolUrl, null, null, 1, StoragePreference.AUTO, ""),
              "sim-enrol")) {
        ScenarioHome.enrol(db, scenario, uids, station);
      }
    }
    System.out.println(scenario.name() + ": " + scenario.description());
    if (scenario.start() != null) {
      System.out.println(
          "  starts at "
              + scenario.start()
              + " "
              + scenario.zone()
              + " on a simulated clock; here, in real time, it alerts only inside the home's"
              + " night");
    }
    System.out.println("  devices: " + uids.values());
    System.out.println("  takes " + scenario.span().toSeconds() + " s");
    Map<String, MqttSender> senders = new LinkedHashMap<>();
    try {
      Map<String, Uplink> links = new LinkedHashMap<>();
      for (ScenarioDevice d : scenario.devices()) {
        MqttSender sender = MqttSender.connect(broker, uids.get(d.name()), null);
        senders.put(d.name(), sender);
        links.put(
            d.name(),
            (channel, payload) -> sender.publish(channel, payload).waitForCompletion(10_000));
      }
      ScenarioRunner runner = new ScenarioRunner(scenario, Timeline.wall(), links, sent -> {});
      runner.run();
      System.out.println("  sent " + runner.published() + " messages");
      System.out.println("  expect: " + expected(scenario.expect()));
    } finally {
      senders.values().forEach(MqttSender::close);
    }
    return 0;
  }

  private static String expected(Expectation e) {
    List<String> parts =
        e.alerts().stream()
            .map(
                a ->
                    a.kind()
                        + " "
                        + a.severity()
                        + (a.first().equals(a.severity()) ? "" : " (raised " + a.first() + ")"))
            .toList();
    String alerts = parts.isEmpty() ? "no alert" : String.join(", ", parts);
    String rejected = e.rejected().isEmpty() ? "" : "; rejected " + e.rejected();
    return alerts + rejected + (e.storedOnce() ? "; every reading stored once" : "");
  }
}

package org.caregrid.sim;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.caregrid.sim.district.District;
import org.caregrid.sim.district.DistrictGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The simulator's command line. */
@Command(
    name = "caregrid-sim",
    mixinStandardHelpOptions = true,
    description = "Simulated care beds of a district, publishing to an MQTT broker.",
    subcommands = {SimCli.Run.class, ScenarioCommand.class, LoadCommand.class})
public final class SimCli {

  public static void main(String[] args) {
    System.exit(new CommandLine(new SimCli()).execute(args));
  }

  /** Runs the district's beds until stopped or until {@code --duration} has passed. */
  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a simulated district.")
  static final class Run implements Callable<Integer> {
    @Option(
        names = "--broker",
        defaultValue = "tcp://127.0.0.1:1883",
        description = "MQTT broker URL (default: ${DEFAULT-VALUE})")
    String broker;

    @Option(
        names = "--homes",
        defaultValue = "40",
        description = "Homes to simulate (default: ${DEFAULT-VALUE})")
    int homes;

    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "Seed: the same seed, the same district (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
        names = "--report-every",
        defaultValue = "10",
        description = "Seconds between a bed's reports (default: ${DEFAULT-VALUE})")
    int reportEvery;

    @Option(
        names = "--duration",
        defaultValue = "0",
        description = "Seconds to run; 0 runs until stopped (default: ${DEFAULT-VALUE})")
    int duration;

    @Override
    public Integer call() throws Exception {
      District district = new DistrictGenerator(seed).generate(2, homes);
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      try (DistrictSimulation sim = new DistrictSimulation(seed)) {
        sim.start(
            district,
            broker,
            Duration.ofSeconds(reportEvery),
            Duration.ofSeconds(15),
            Duration.ofMinutes(3));
        if (duration > 0) {
          stop.await(duration, java.util.concurrent.TimeUnit.SECONDS);
        } else {
          stop.await();
        }
      }
      return 0;
    }
  }
}

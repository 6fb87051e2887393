package org.caregrid.sim;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.caregrid.sim.clock.SimClock;
import org.caregrid.sim.district.DeviceKeys;
import org.caregrid.sim.district.District;
import org.caregrid.sim.district.DistrictGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs a district's devices against the platform, in real time or faster. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run every device of a simulated district (enrol it first with `district --enrol` and the"
          + " same --seed and --homes) against the broker and the platform's CoAP port.",
      "With --speed above 1, simulated time runs that many times faster and, unless --start is"
          + " given, begins --hours before now, so device timestamps never run ahead of the"
          + " platform's clock (ingest refuses readings from the future)."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--broker",
      defaultValue = "tcp://127.0.0.1:1883",
      description =
          "MQTT broker URL, or several separated by commas, tried in turn on every (re)connect"
              + " (default: ${DEFAULT-VALUE})")
  String broker;

  @Option(
      names = "--coap",
      defaultValue = "coaps://127.0.0.1:5684",
      description = "The platform's CoAP over DTLS address (default: ${DEFAULT-VALUE})")
  URI coap;

  @Option(names = "--homes", defaultValue = "60", description = "Homes (default: ${DEFAULT-VALUE})")
  int homes;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed: the same seed, the same district (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--speed",
      defaultValue = "1",
      description = "Simulated seconds per real second (default: ${DEFAULT-VALUE})")
  double speed;

  @Option(
      names = "--hours",
      defaultValue = "0",
      description = "Simulated hours to run; 0 runs until stopped (default: ${DEFAULT-VALUE})")
  double hours;

  @Option(
      names = "--keys",
      paramLabel = "FILE",
      defaultValue = "device-keys",
      description =
          "The CoAP devices' DTLS keys, as `district --enrol --keys` wrote them"
              + " (default: ${DEFAULT-VALUE})")
  Path keys;

  @Option(
      names = "--start",
      description = "Simulated start time, ISO-8601 (default: now, or --hours ago when faster)")
  Instant start;

  @Override
  public Integer call() throws Exception {
    if (speed <= 0 || hours < 0) {
      throw new IllegalArgumentException("--speed must be positive and --hours not negative");
    }
    District district = new DistrictGenerator(seed).generate(homes);
    Duration length = Duration.ofSeconds(Math.round(hours * 3600));
    Instant from = start != null ? start : speed > 1 ? Instant.now().minus(length) : Instant.now();
    SimClock clock = SimClock.pausedAt(from, speed);
    Instant until = hours > 0 ? from.plus(length) : Instant.MAX;
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
    try (DistrictSimulation sim = new DistrictSimulation(clock, until, seed)) {
      sim.start(
          district,
          new DistrictSimulation.Target(broker, Optional.of(coap), DeviceKeys.read(keys)));
      clock.run(); // connecting took no simulated time
      while (!sim.finished() && !stop.await(10, TimeUnit.SECONDS)) {
        spec.commandLine()
            .getOut()
            .printf("simulated %s: %s%n", sim.reached(), sim.traffic())
            .flush();
      }
      spec.commandLine().getOut().printf("done at %s: %s%n", sim.reached(), sim.traffic()).flush();
    }
    return 0;
  }
}

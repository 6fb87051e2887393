package org.caregrid.bench;

import org.caregrid.bench.alerts.AlertBench;
import org.caregrid.bench.coap.CoapBench;
import org.caregrid.bench.dashboard.DashboardBench;
import org.caregrid.bench.ha.HaBench;
import org.caregrid.bench.ingest.IngestBench;
import org.caregrid.bench.scale.ScaleBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmarks' command line. Each prints a table while it runs and a JSON summary at the end.
 */
@Command(
    name = "caregrid-bench",
    mixinStandardHelpOptions = true,
    description = "CareGrid benchmarks, with broker, database, platform and load on this machine.",
    subcommands = {
      IngestBench.class,
      CoapBench.class,
      AlertBench.class,
      DashboardBench.class,
      HaBench.class,
      ScaleBench.class
    })
public final class BenchCli {
  public static void main(String[] args) {
    System.exit(
        new CommandLine(new BenchCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }
}

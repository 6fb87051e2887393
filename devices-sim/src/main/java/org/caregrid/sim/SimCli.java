package org.caregrid.sim;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The simulator's command line. */
@Command(
    name = "caregrid-sim",
    mixinStandardHelpOptions = true,
    description = "A simulated district of homes and care devices, reporting to CareGrid.",
    subcommands = {
      DistrictCommand.class,
      RunCommand.class,
      ScenarioCommand.class,
      LoadCommand.class
    })
public final class SimCli {

  public static void main(String[] args) {
    System.exit(new CommandLine(new SimCli()).execute(args));
  }
}

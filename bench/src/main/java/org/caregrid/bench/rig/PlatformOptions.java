package org.caregrid.bench.rig;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What every benchmark needs to run the platform: its jar, its heap and the database server. */
public final class PlatformOptions {
  @Option(names = "--jar", defaultValue = "server/target/caregrid.jar")
  public Path jar;

  @Option(
      names = "--db",
      defaultValue = "jdbc:postgresql://127.0.0.1:5433/postgres?user=postgres",
      description = "the database server (its maintenance database); TimescaleDB by default")
  public String adminUrl;

  @Option(names = "--heap", defaultValue = "512m", description = "of each server's JVM")
  public String heap;
}

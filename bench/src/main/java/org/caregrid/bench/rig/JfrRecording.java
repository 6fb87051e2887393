package org.caregrid.bench.rig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JVM option that records a platform process with JFR into a file of {@code --jfr DIR}. */
public final class JfrRecording {
  private JfrRecording() {}

  /** Creates {@code dir} if needed: the JVM refuses to start when it cannot write the file. */
  public static String option(Path dir, String file) throws IOException {
    Path absolute = Files.createDirectories(dir.toAbsolutePath());
    return "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
        + absolute.resolve(file);
  }
}

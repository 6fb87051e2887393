package org.caregrid.bench.rig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrRecordingTest {
  @Test
  void createsTheDirectoryTheRecordingGoesTo(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("not/there/yet");

    String option = JfrRecording.option(dir, "ingest-binary.jfr");

    assertThat(dir).isDirectory();
    assertThat(option)
        .startsWith("-XX:StartFlightRecording=")
        .endsWith("filename=" + dir.toAbsolutePath().resolve("ingest-binary.jfr"));
  }

  @Test
  void takesADirectoryThatExists(@TempDir Path tmp) throws Exception {
    assertThat(JfrRecording.option(tmp, "alerts.jfr"))
        .endsWith(tmp.resolve("alerts.jfr").toString());
    try (Stream<Path> created = Files.list(tmp)) {
      assertThat(created).isEmpty();
    }
  }
}

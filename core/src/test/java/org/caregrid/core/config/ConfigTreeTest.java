package org.caregrid.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.caregrid.core.db.StoragePreference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTreeTest {
  record Sample(String name, int size, Duration every, List<String> tags, Nested nested) {
    static Sample defaults() {
      return new Sample("a", 1, Duration.ofMillis(50), List.of("x"), new Nested(true));
    }
  }

  record Nested(boolean enabled) {}

  @TempDir Path dir;

  @Test
  void defaultsApplyWhenThereIsNoFile() {
    Sample s =
        ConfigTree.load(dir.resolve("absent.yaml"), Map.of())
            .bind("s", Sample.class, Sample.defaults());
    assertThat(s).isEqualTo(Sample.defaults());
  }

  @Test
  void fileOverridesDefaultsAndEnvironmentOverridesFile() throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(
        file, "s:\n  name: from-file\n  size: 7\n  every: 30s\n  nested:\n    enabled: false\n");
    Map<String, String> env = Map.of("CAREGRID_S_SIZE", "9", "CAREGRID_S_TAGS", "p, q");

    Sample s = ConfigTree.load(file, env).bind("s", Sample.class, Sample.defaults());

    assertThat(s)
        .isEqualTo(
            new Sample(
                "from-file", 9, Duration.ofSeconds(30), List.of("p", "q"), new Nested(false)));
  }

  @Test
  void hyphenatedKeysMapToUnderscoredVariables() {
    assertThat(ConfigTree.envName("ingest.writer.batch-size"))
        .isEqualTo("CAREGRID_INGEST_WRITER_BATCH_SIZE");
    DatabaseConfig db =
        ConfigTree.ofEnv(
                Map.of(
                    "CAREGRID_DATABASE_POOL_SIZE", "3", "CAREGRID_DATABASE_STORAGE", "partitioned"))
            .bind("database", DatabaseConfig.class, DatabaseConfig.defaults());
    assertThat(db.poolSize()).isEqualTo(3);
    assertThat(db.storage()).isEqualTo(StoragePreference.PARTITIONED);
  }

  @Test
  void unknownKeyIsNamed() throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "s:\n  nested:\n    enabeld: true\n");

    assertThatThrownBy(
            () -> ConfigTree.load(file, Map.of()).bind("s", Sample.class, Sample.defaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("s.nested.enabeld");
  }

  @Test
  void invalidValueNamesTheKey() {
    assertThatThrownBy(
            () ->
                ConfigTree.ofEnv(Map.of("CAREGRID_DATABASE_POOL_SIZE", "0"))
                    .bind("database", DatabaseConfig.class, DatabaseConfig.defaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.pool-size");
  }

  @Test
  void unboundSectionsAreReported() throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "s:\n  size: 2\ndatabsae:\n  url: x\n");
    ConfigTree tree = ConfigTree.load(file, Map.of());
    tree.bind("s", Sample.class, Sample.defaults());

    assertThat(tree.unboundSections()).containsExactly("databsae");
  }

  @Test
  void secretsAreMaskedInToString() {
    DatabaseConfig db =
        ConfigTree.ofEnv(Map.of("CAREGRID_DATABASE_PASSWORD", "s3cret"))
            .bind("database", DatabaseConfig.class, DatabaseConfig.defaults());
    assertThat(db.password()).isEqualTo("s3cret");
    assertThat(db.toString()).doesNotContain("s3cret");
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(ConfigDurations.parse("50ms")).isEqualTo(Duration.ofMillis(50));
    assertThat(ConfigDurations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(ConfigDurations.parse("PT2H")).isEqualTo(Duration.ofHours(2));
    assertThat(ConfigDurations.format(Duration.ofDays(7))).isEqualTo("7d");
    assertThatThrownBy(() -> ConfigDurations.parse("soon")).hasMessageContaining("soon");
  }

  record Shift(LocalTime start, LocalTime end) {}

  @Test
  void timesOfDayReadAsOnAClock() throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "shift:\n  start: 21:30\n  end: \"6:05\"\n");
    Shift defaults = new Shift(LocalTime.of(22, 0), LocalTime.of(6, 0));

    Shift fromFile = ConfigTree.load(file, Map.of()).bind("shift", Shift.class, defaults);
    Shift fromEnv =
        ConfigTree.ofEnv(Map.of("CAREGRID_SHIFT_START", "23:15"))
            .bind("shift", Shift.class, defaults);

    assertThat(fromFile).isEqualTo(new Shift(LocalTime.of(21, 30), LocalTime.of(6, 5)));
    assertThat(fromEnv.start()).isEqualTo(LocalTime.of(23, 15));
    assertThat(ConfigTree.keys("shift", defaults)).containsExactly("shift.start", "shift.end");
    assertThat(ConfigTimes.format(LocalTime.of(6, 0))).isEqualTo("06:00");
    assertThatThrownBy(
            () ->
                ConfigTree.ofEnv(Map.of("CAREGRID_SHIFT_END", "25:00"))
                    .bind("shift", Shift.class, defaults))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("25:00");
  }
}

package org.caregrid.sim.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads scenarios: the built-in ones by name, or a YAML or JSON file of the same shape
 * (devices-sim/src/main/resources/scenarios/*.yaml are the examples). Durations are written as
 * people say them: {@code 500ms}, {@code 20s}, {@code 31m}, {@code -2h}.
 */
public final class ScenarioFile {
  /** The built-in scenarios, in the order the issue lists them. */
  public static final List<String> BUILT_IN =
      List.of(
          "sos",
          "fall",
          "fall-cancel",
          "bed-exit",
          "night-wandering",
          "deterioration",
          "device-offline",
          "low-battery",
          "glitch",
          "clock-skew",
          "duplicates",
          "malformed");

  private static final Pattern DURATION = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h|d)");

  private ScenarioFile() {}

  public static Scenario builtIn(String name) {
    if (!BUILT_IN.contains(name)) {
      throw new IllegalArgumentException(
          "no built-in scenario " + name + "; there are " + String.join(", ", BUILT_IN));
    }
    try (InputStream in = ScenarioFile.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
      if (in == null) {
        throw new IllegalStateException("scenario " + name + " is missing from the jar");
      }
      return mapper(true).readValue(in, Scenario.class);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in scenario " + name + ": " + e, e);
    }
  }

  /**
   * @throws IOException when the file cannot be read or does not describe a scenario
   */
  public static Scenario read(Path file) throws IOException {
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    try (InputStream in = Files.newInputStream(file)) {
      return mapper(!json).readValue(in, Scenario.class);
    }
  }

  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + text + " (e.g. 500ms, 20s, 31m, 2h)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static ObjectMapper mapper(boolean yaml) {
    SimpleModule durations = new SimpleModule("scenario-durations");
    durations.addDeserializer(
        Duration.class,
        new JsonDeserializer<>() {
          @Override
          public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            try {
              return duration(p.getValueAsString());
            } catch (IllegalArgumentException e) {
              return (Duration)
                  ctx.handleWeirdStringValue(Duration.class, p.getText(), e.getMessage());
            }
          }
        });
    JsonMapper.Builder builder =
        yaml ? JsonMapper.builder(new YAMLFactory()) : JsonMapper.builder();
    return builder
        .addModule(new JavaTimeModule())
        .addModule(durations)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }
}

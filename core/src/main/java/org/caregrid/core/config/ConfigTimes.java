package org.caregrid.core.config;

import com.fasterxml.jackson.databind.module.SimpleModule;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times of day in configuration are written as on a clock, {@code 22:00} or {@code 6:30}. */
final class ConfigTimes {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("H:mm");
  private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("HH:mm");

  private ConfigTimes() {}

  static LocalTime parse(String text) {
    try {
      return LocalTime.parse(text.trim(), CLOCK);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "not a time of day: '" + text + "' (write e.g. 22:00 or 6:30)", e);
    }
  }

  static String format(LocalTime t) {
    return WRITTEN.format(t);
  }

  static SimpleModule module() {
    return TextScalars.module(
        "caregrid-times", LocalTime.class, ConfigTimes::parse, ConfigTimes::format);
  }
}

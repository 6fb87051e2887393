package org.caregrid.core.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
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
    SimpleModule module = new SimpleModule("caregrid-times");
    module.addSerializer(LocalTime.class, new Writer());
    module.addDeserializer(LocalTime.class, new Reader());
    return module;
  }

  private static final class Writer extends StdScalarSerializer<LocalTime> {
    private static final long serialVersionUID = 1L;

    Writer() {
      super(LocalTime.class);
    }

    @Override
    public void serialize(LocalTime value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(format(value));
    }
  }

  private static final class Reader extends StdScalarDeserializer<LocalTime> {
    private static final long serialVersionUID = 1L;

    Reader() {
      super(LocalTime.class);
    }

    @Override
    public LocalTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return parse(p.getValueAsString());
    }
  }
}

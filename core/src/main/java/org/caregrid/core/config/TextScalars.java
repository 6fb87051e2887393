package org.caregrid.core.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.util.function.Function;

/** Configuration values that people write as text of their own form, such as {@code 30s}. */
final class TextScalars {
  private TextScalars() {}

  /**
   * A Jackson module that writes a {@code type} as {@code format} gives and reads it by {@code
   * parse}.
   */
  static <T> SimpleModule module(
      String name, Class<T> type, Function<String, T> parse, Function<T, String> format) {
    SimpleModule module = new SimpleModule(name);
    module.addSerializer(type, new Writer<>(type, format));
    module.addDeserializer(type, new Reader<>(type, parse));
    return module;
  }

  private static final class Writer<T> extends StdScalarSerializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Function<T, String> format;

    Writer(Class<T> type, Function<T, String> format) {
      super(type);
      this.format = format;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(format.apply(value));
    }
  }

  private static final class Reader<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Function<String, T> parse;

    Reader(Class<T> type, Function<String, T> parse) {
      super(type);
      this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return parse.apply(p.getValueAsString());
    }
  }
}

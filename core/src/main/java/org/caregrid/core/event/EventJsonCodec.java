package org.caregrid.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.caregrid.core.codec.JsonInput;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;

/**
 * The event JSON format (DESIGN §4): {@code
 * {"ts":1764460800123,"seq":43,"type":"fall","data":{"confidence":0.9}}}. {@code data} is optional
 * and, when given, an object of at most {@link #MAX_DATA_BYTES} as compact JSON; it is kept as that
 * text. Unknown fields are ignored. Parsed with Jackson's streaming API, like compact JSON.
 */
public final class EventJsonCodec {
  /** The most compact JSON text {@code data} may take. */
  public static final int MAX_DATA_BYTES = 4096;

  private static final JsonFactory JSON = JsonInput.STRICT;

  /**
   * Decodes one event.
   *
   * @throws RejectedException with {@code DECODE}, or {@code TOO_LARGE} for an oversized {@code
   *     data}; never any other exception, whatever the bytes
   */
  public DeviceEvent decode(byte[] payload) {
    JsonInput.requireUtf8(payload);
    try (JsonParser p = JSON.createParser(payload)) {
      return parse(p);
    } catch (JsonProcessingException e) {
      if (JsonInput.isDuplicateKey(e)) {
        throw JsonInput.duplicateKey(e);
      }
      throw decode("not valid JSON: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw decode("unreadable payload");
    } catch (NumberFormatException e) {
      // a number Jackson cannot copy exactly, such as an exponent beyond int range
      throw decode("a number out of range: " + firstLine(e.getMessage()));
    }
  }

  private static DeviceEvent parse(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw decode("expected a JSON object");
    }
    long ts = -1;
    long seq = -1;
    String type = null;
    String data = DeviceEvent.NO_DATA;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "ts" -> ts = requireLong(p, value, "ts");
        case "seq" -> seq = requireLong(p, value, "seq");
        case "type" -> type = requireText(p, value);
        case "data" -> data = copyData(p, value);
        default -> p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
      throw decode("trailing content after the JSON object");
    }
    if (ts < 0) {
      throw decode("missing \"ts\" (epoch milliseconds)");
    }
    if (type == null) {
      throw decode("missing \"type\"");
    }
    String code = type;
    EventType eventType =
        EventType.fromCode(code)
            .orElseThrow(() -> decode("unknown event type " + RejectedException.quote(code)));
    return new DeviceEvent(eventType, ts, seq, data);
  }

  /**
   * Copies the {@code data} object as compact JSON: numbers exactly as written, and no NUL
   * characters, which a {@code jsonb} column refuses.
   */
  private static String copyData(JsonParser p, JsonToken start) throws IOException {
    if (start != JsonToken.START_OBJECT) {
      throw decode("\"data\" must be an object");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      int depth = 0;
      JsonToken t = start;
      while (true) {
        if ((t == JsonToken.FIELD_NAME || t == JsonToken.VALUE_STRING)
            && p.getText().indexOf('\0') >= 0) {
          throw decode("\"data\" contains a NUL character");
        }
        g.copyCurrentEventExact(p);
        depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
        if (depth == 0) {
          break;
        }
        t = p.nextToken();
      }
    }
    if (out.size() > MAX_DATA_BYTES) {
      throw new RejectedException(
          Reason.TOO_LARGE, "\"data\" takes more than " + MAX_DATA_BYTES + " bytes of JSON");
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static long requireLong(JsonParser p, JsonToken t, String field) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw decode("\"" + field + "\" must be an integer");
    }
    return p.getLongValue();
  }

  private static String requireText(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw decode("\"type\" must be a string");
    }
    return p.getText();
  }

  /** Encodes one event; {@code data} is written as it is, so it must be a JSON object. */
  public byte[] encode(DeviceEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + event.data().length());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("ts", event.time());
      if (event.seq() >= 0) {
        g.writeNumberField("seq", event.seq());
      }
      g.writeStringField("type", event.type().code());
      if (!event.data().equals(DeviceEvent.NO_DATA)) {
        g.writeFieldName("data");
        g.writeRawValue(event.data());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Jackson's message, cut short: it may quote the payload. */
  private static String firstLine(String message) {
    String line = message == null ? "" : message.lines().findFirst().orElse("");
    return line.length() > 60 ? line.substring(0, 60) + "..." : line;
  }

  private static RejectedException decode(String message) {
    return new RejectedException(Reason.DECODE, message);
  }
}

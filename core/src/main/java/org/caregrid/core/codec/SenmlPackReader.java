package org.caregrid.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;

/**
 * Reads a SenML pack (an array of records) from a Jackson streaming parser, JSON or CBOR alike: the
 * two differ only in how a map key names a label. Checks each value's type and the must-understand
 * rule (RFC 8428 §4.4); what the fields mean is left to {@link SenmlResolver}.
 */
final class SenmlPackReader {
  private final Function<String, SenmlLabel> labels;

  /**
   * Creates a reader.
   *
   * @param labels maps a key, as the parser reports it, to its label; null for an extension
   */
  SenmlPackReader(Function<String, SenmlLabel> labels) {
    this.labels = labels;
  }

  /**
   * Reads the records of one pack.
   *
   * @param format names the format in rejection messages
   * @throws RejectedException with {@code DECODE}, whatever the bytes
   */
  List<SenmlRecord> read(JsonFactory factory, byte[] payload, String format) {
    try (JsonParser p = factory.createParser(payload)) {
      return read(p);
    } catch (JsonProcessingException e) {
      if (JsonInput.isDuplicateKey(e)) {
        throw JsonInput.duplicateKey(e);
      }
      throw decode("not valid " + format + ": " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw decode("unreadable " + format + " payload");
    } catch (RejectedException e) {
      throw e;
    } catch (RuntimeException e) {
      // Fuzzing has made Jackson's binary parsers throw unchecked exceptions on malformed input
      // before; the device's bytes must never escape as anything but a rejection.
      throw decode("malformed " + format + " payload");
    }
  }

  private List<SenmlRecord> read(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_ARRAY) {
      throw decode("a SenML pack must be an array of records");
    }
    List<SenmlRecord> records = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw decode("record " + (records.size() + 1) + " is not a map");
      }
      records.add(readRecord(p, records.size() + 1));
    }
    if (p.nextToken() != null) {
      throw decode("trailing content after the SenML pack");
    }
    if (records.isEmpty()) {
      throw decode("empty SenML pack");
    }
    return records;
  }

  private SenmlRecord readRecord(JsonParser p, int index) throws IOException {
    SenmlRecord r = new SenmlRecord();
    EnumSet<SenmlLabel> seen = EnumSet.noneOf(SenmlLabel.class);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      SenmlLabel label = labels.apply(key);
      if (label == null) {
        if (key.endsWith("_")) {
          throw decode(
              "record "
                  + index
                  + ": unknown must-understand label "
                  + RejectedException.quote(key));
        }
        p.skipChildren(); // RFC 8428 §4.4: other unknown labels are ignored
        continue;
      }
      if (!seen.add(label)) {
        throw new RejectedException(
            Reason.DUPLICATE, "record " + index + ": label " + label.json() + " appears twice");
      }
      set(r, label, p, value, index);
    }
    return r;
  }

  private static void set(SenmlRecord r, SenmlLabel label, JsonParser p, JsonToken t, int index)
      throws IOException {
    switch (label) {
      case BASE_NAME -> r.baseName = text(p, t, label, index);
      case BASE_UNIT -> r.baseUnit = text(p, t, label, index);
      case NAME -> r.name = text(p, t, label, index);
      case UNIT -> r.unit = text(p, t, label, index);
      case BASE_TIME -> r.baseTime = number(p, t, label, index);
      case BASE_VALUE -> r.baseValue = number(p, t, label, index);
      case VALUE -> r.value = number(p, t, label, index);
      case TIME -> r.time = number(p, t, label, index);
      case BASE_SUM, UPDATE_TIME -> number(p, t, label, index); // checked, then not used
      case SUM -> {
        number(p, t, label, index);
        r.sum = true;
      }
      case BASE_VERSION -> r.baseVersion = version(p, t, index);
      case BOOLEAN_VALUE -> r.booleanValue = bool(t, label, index);
      case STRING_VALUE -> {
        r.stringValue = true;
        p.skipChildren();
      }
      case DATA_VALUE -> {
        r.dataValue = true;
        p.skipChildren();
      }
    }
  }

  private static String text(JsonParser p, JsonToken t, SenmlLabel label, int index)
      throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw decode("record " + index + ": " + label.json() + " must be a text string");
    }
    return p.getText();
  }

  private static Double number(JsonParser p, JsonToken t, SenmlLabel label, int index)
      throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw decode("record " + index + ": " + label.json() + " must be a number");
    }
    double d = p.getDoubleValue();
    if (!Double.isFinite(d)) {
      throw decode("record " + index + ": " + label.json() + " is not a finite number");
    }
    return d;
  }

  private static long version(JsonParser p, JsonToken t, int index) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw decode("record " + index + ": bver must be an integer");
    }
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 1) {
      throw decode("record " + index + ": bver must be a positive integer");
    }
    return p.getLongValue();
  }

  private static Boolean bool(JsonToken t, SenmlLabel label, int index) {
    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
      throw decode("record " + index + ": " + label.json() + " must be true or false");
    }
    return t == JsonToken.VALUE_TRUE;
  }

  /** Jackson's message, cut short: it may quote the payload, which is health data. */
  private static String firstLine(String message) {
    String line = message == null ? "" : message.lines().findFirst().orElse("");
    return line.length() > 60 ? line.substring(0, 60) + "..." : line;
  }

  private static RejectedException decode(String message) {
    return new RejectedException(Reason.DECODE, message);
  }
}

package org.caregrid.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.Telemetry;

/**
 * The compact JSON telemetry format (DESIGN §4): {@code
 * {"ts":1764460800123,"seq":42,"m":{"hr":72}}}. All readings of one message share its {@code ts}.
 * Parsed with Jackson's streaming API: this is the hot path of ingest.
 */
public final class CompactJsonCodec implements PayloadCodec {
  private static final JsonFactory JSON = JsonInput.STRICT;

  @Override
  public Telemetry decode(byte[] payload) {
    JsonInput.requireUtf8(payload);
    try (JsonParser p = JSON.createParser(payload)) {
      return parse(p);
    } catch (JsonProcessingException e) {
      if (JsonInput.isDuplicateKey(e)) {
        throw JsonInput.duplicateKey(e);
      }
      throw new RejectedException(Reason.DECODE, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RejectedException(Reason.DECODE, "unreadable payload: " + e.getMessage());
    }
  }

  private static Telemetry parse(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new RejectedException(Reason.DECODE, "expected a JSON object");
    }
    long ts = -1;
    long seq = -1;
    MetricValues values = new MetricValues();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "ts" -> ts = requireLong(p, value, "ts");
        case "seq" -> seq = requireLong(p, value, "seq");
        case "m" -> readMetrics(p, value, values);
        default -> p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
      throw new RejectedException(Reason.DECODE, "trailing content after the JSON object");
    }
    if (ts < 0) {
      throw new RejectedException(Reason.DECODE, "missing \"ts\" (epoch milliseconds)");
    }
    if (values.isEmpty()) {
      throw new RejectedException(Reason.DECODE, "missing or empty \"m\"");
    }
    return new Telemetry(seq, values.readingsAt(ts));
  }

  private static void readMetrics(JsonParser p, JsonToken start, MetricValues values)
      throws IOException {
    if (start != JsonToken.START_OBJECT) {
      throw new RejectedException(Reason.DECODE, "\"m\" must be an object of metric values");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String code = p.currentName();
      JsonToken t = p.nextToken();
      if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
        throw new RejectedException(Reason.DECODE, "metric " + code + " is not a number");
      }
      double v = p.getDoubleValue();
      if (!Double.isFinite(v)) {
        throw new RejectedException(Reason.DECODE, "metric " + code + " is not finite");
      }
      values.add(code, v);
    }
  }

  /**
   * The metric values of one message in arrival order, kept unboxed until the time is known (it may
   * come after {@code m}). An unknown metric is refused only once the whole message has parsed, so
   * that malformed JSON is reported as such first.
   */
  private static final class MetricValues {
    private Metric[] metrics = new Metric[4];
    private double[] values = new double[4];
    private int count;
    private String firstUnknown;

    void add(String code, double value) {
      if (count == metrics.length) {
        metrics = Arrays.copyOf(metrics, count * 2);
        values = Arrays.copyOf(values, count * 2);
      }
      Metric metric = Metric.fromCode(code).orElse(null);
      if (metric == null && firstUnknown == null) {
        firstUnknown = code;
      }
      metrics[count] = metric;
      values[count] = value;
      count++;
    }

    boolean isEmpty() {
      return count == 0;
    }

    List<Reading> readingsAt(long ts) {
      if (firstUnknown != null) {
        throw new RejectedException(Reason.UNKNOWN_METRIC, "unknown metric " + firstUnknown);
      }
      Reading[] readings = new Reading[count];
      for (int i = 0; i < count; i++) {
        readings[i] = new Reading(metrics[i], ts, values[i]);
      }
      return List.of(readings);
    }
  }

  private static long requireLong(JsonParser p, JsonToken t, String field) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw new RejectedException(Reason.DECODE, "\"" + field + "\" must be an integer");
    }
    try {
      return p.getLongValue();
    } catch (IOException e) {
      throw new RejectedException(Reason.DECODE, "\"" + field + "\" is out of range");
    }
  }

  /**
   * Encodes readings that share one timestamp (the format has one {@code ts} per message).
   *
   * @throws IllegalArgumentException when the readings have different times
   */
  @Override
  public byte[] encode(Telemetry telemetry) {
    List<Reading> readings = telemetry.readings();
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("nothing to encode");
    }
    long ts = readings.get(0).time();
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("ts", ts);
      if (telemetry.seq() >= 0) {
        g.writeNumberField("seq", telemetry.seq());
      }
      g.writeObjectFieldStart("m");
      for (Reading r : readings) {
        if (r.time() != ts) {
          throw new IllegalArgumentException("compact JSON carries one time per message");
        }
        writeValue(g, r);
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeValue(JsonGenerator g, Reading r) throws IOException {
    double v = r.value();
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      g.writeNumberField(r.metric().code(), (long) v);
    } else {
      g.writeNumberField(r.metric().code(), v);
    }
  }
}

package org.caregrid.core.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.Telemetry;

/**
 * Writes telemetry as a SenML pack through a Jackson generator, JSON or CBOR: the base name {@code
 * urn:dev:{deviceId}:} and the earliest time as an absolute base time on the first record, then one
 * record per reading with its metric as name, the unit {@link SenmlUnits#written} and its time as
 * an offset. Maps and the array carry their sizes, as CBOR's definite-length encoding needs.
 */
final class SenmlPackWriter {
  private final boolean cbor;

  /**
   * Creates a writer.
   *
   * @param cbor whether the generator writes CBOR, which takes the integer keys of RFC 8428 Table 4
   *     instead of labels
   */
  SenmlPackWriter(boolean cbor) {
    this.cbor = cbor;
  }

  /**
   * Writes one pack.
   *
   * @throws IllegalArgumentException when there are no readings, no named device, or a time before
   *     2^28 s (1978-07-04), which SenML would read as relative to now
   */
  void write(JsonGenerator g, Telemetry telemetry) throws IOException {
    List<Reading> readings = telemetry.readings();
    DeviceId device =
        telemetry
            .namedDevice()
            .orElseThrow(() -> new IllegalArgumentException("SenML needs the device's id"));
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("nothing to encode");
    }
    long baseTime = readings.stream().mapToLong(Reading::time).min().orElseThrow();
    if (baseTime < (1L << 28) * 1000) {
      throw new IllegalArgumentException("SenML reads times before 1978-07-04 as relative to now");
    }
    boolean secondaryUnits =
        readings.stream()
            .map(r -> SenmlUnits.written(r.metric()))
            .anyMatch(u -> u != null && SenmlUnits.isSecondary(u));
    g.writeStartArray(telemetry, readings.size());
    for (int i = 0; i < readings.size(); i++) {
      Reading r = readings.get(i);
      String unit = SenmlUnits.written(r.metric());
      long offset = r.time() - baseTime;
      int fields = 2 + (unit != null ? 1 : 0) + (offset != 0 ? 1 : 0);
      if (i == 0) {
        fields += secondaryUnits ? 3 : 2;
      }
      g.writeStartObject(r, fields);
      if (i == 0) {
        key(g, SenmlLabel.BASE_NAME);
        g.writeString("urn:dev:" + device + ":");
        key(g, SenmlLabel.BASE_TIME);
        seconds(g, baseTime);
        if (secondaryUnits) {
          key(g, SenmlLabel.BASE_VERSION);
          g.writeNumber(SenmlResolver.SECONDARY_UNITS_VERSION);
        }
      }
      key(g, SenmlLabel.NAME);
      g.writeString(r.metric().code());
      if (unit != null) {
        key(g, SenmlLabel.UNIT);
        g.writeString(unit);
      }
      key(g, SenmlLabel.VALUE);
      number(g, r.value());
      if (offset != 0) {
        key(g, SenmlLabel.TIME);
        seconds(g, offset);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void key(JsonGenerator g, SenmlLabel label) throws IOException {
    if (cbor) {
      g.writeFieldId(label.cbor());
    } else {
      g.writeFieldName(label.json());
    }
  }

  private void seconds(JsonGenerator g, long millis) throws IOException {
    if (millis % 1000 == 0) {
      g.writeNumber(millis / 1000);
    } else {
      fraction(g, millis / 1000.0);
    }
  }

  private void number(JsonGenerator g, double v) throws IOException {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      g.writeNumber((long) v); // integers are shorter in both formats and read back exactly
    } else {
      fraction(g, v);
    }
  }

  private void fraction(JsonGenerator g, double v) throws IOException {
    if (cbor) {
      g.writeNumber(v);
    } else {
      // Java writes 1.7E9; RFC 8428 §5 wants the "e" of an exponent in lower case
      g.writeNumber(Double.toString(v).replace('E', 'e'));
    }
  }
}

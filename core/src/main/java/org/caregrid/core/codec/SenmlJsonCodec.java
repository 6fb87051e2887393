package org.caregrid.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.caregrid.core.reading.Telemetry;

/**
 * SenML in JSON (RFC 8428 §5; {@code application/senml+json}, CoAP content-format 110). Every
 * record must name {@code urn:dev:{deviceId}:{metric}}, usually as base name {@code
 * urn:dev:{deviceId}:} and the metric as name: {@code
 * [{"bn":"urn:dev:bed-0001:","bt":1764460800,"n":"hr","u":"beat/min","v":72},{"n":"rr","v":14}]}.
 * The decoded telemetry has no sequence number (SenML has none) and names the device.
 */
public final class SenmlJsonCodec implements PayloadCodec {
  private static final JsonFactory JSON = JsonInput.STRICT;
  private static final SenmlPackReader READER = new SenmlPackReader(SenmlLabel::ofJson);
  private static final SenmlPackWriter WRITER = new SenmlPackWriter(false);

  private final SenmlResolver resolver;

  /**
   * Creates the codec.
   *
   * @param clock gives "now", which relative times count from
   */
  public SenmlJsonCodec(Clock clock) {
    this.resolver = new SenmlResolver(clock);
  }

  @Override
  public Telemetry decode(byte[] payload) {
    JsonInput.requireUtf8(payload);
    return resolver.resolve(READER.read(JSON, payload, "SenML JSON"));
  }

  /**
   * Encodes readings of the device that {@link Telemetry#namedDevice()} names.
   *
   * @throws IllegalArgumentException without readings, without a named device, or with a time
   *     before 1978-07-04
   */
  @Override
  public byte[] encode(Telemetry telemetry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      WRITER.write(g, telemetry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}

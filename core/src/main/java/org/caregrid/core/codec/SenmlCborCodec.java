package org.caregrid.core.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.caregrid.core.reading.Telemetry;

/**
 * SenML in CBOR (RFC 8428 §6; {@code application/senml+cbor}, CoAP content-format 112): the same
 * records as {@link SenmlJsonCodec}, with the integer keys of RFC 8428 Table 4. Text keys are
 * extensions. Numbers may be integers, floats of any width or decimal fractions (tag 4).
 */
public final class SenmlCborCodec implements PayloadCodec {
  private static final CBORFactory CBOR =
      CBORFactory.builder()
          .enable(CBORGenerator.Feature.WRITE_MINIMAL_DOUBLES)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();
  private static final SenmlPackReader READER = new SenmlPackReader(SenmlLabel::ofCbor);
  private static final SenmlPackWriter WRITER = new SenmlPackWriter(true);

  private final SenmlResolver resolver;

  /**
   * Creates the codec.
   *
   * @param clock gives "now", which relative times count from
   */
  public SenmlCborCodec(Clock clock) {
    this.resolver = new SenmlResolver(clock);
  }

  @Override
  public Telemetry decode(byte[] payload) {
    return resolver.resolve(READER.read(CBOR, payload, "SenML CBOR"));
  }

  /**
   * Encodes readings of the device that {@link Telemetry#namedDevice()} names, as a definite-length
   * array (RFC 8428 §6: streams only may use indefinite length).
   *
   * @throws IllegalArgumentException without readings, without a named device, or with a time
   *     before 1978-07-04
   */
  @Override
  public byte[] encode(Telemetry telemetry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(96);
    try (JsonGenerator g = CBOR.createGenerator(out)) {
      WRITER.write(g, telemetry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}

package org.caregrid.core.codec;

import java.time.Clock;
import java.util.Locale;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;

/**
 * Picks the telemetry codec for a message (DESIGN §4): by the MQTT 5 content type, by the CoAP
 * content-format, or, when the sender gave neither, by the payload's first byte.
 */
public final class Codecs {
  public static final String JSON = "application/json";
  public static final String SENML_JSON = "application/senml+json";
  public static final String SENML_CBOR = "application/senml+cbor";

  /** CoAP content-format numbers (RFC 7252 §12.3, RFC 8428 §12.5). */
  public static final int JSON_FORMAT = 50;

  public static final int SENML_JSON_FORMAT = 110;
  public static final int SENML_CBOR_FORMAT = 112;

  private final CompactJsonCodec compact = new CompactJsonCodec();
  private final SenmlJsonCodec senmlJson;
  private final SenmlCborCodec senmlCbor;

  /**
   * Creates the codecs.
   *
   * @param clock gives "now", which SenML's relative times count from
   */
  public Codecs(Clock clock) {
    this.senmlJson = new SenmlJsonCodec(clock);
    this.senmlCbor = new SenmlCborCodec(clock);
  }

  /**
   * The codec for an MQTT 5 message.
   *
   * @param contentType the message's content type, parameters allowed ({@code ;charset=utf-8});
   *     null or empty when it has none, and then the payload decides
   * @throws RejectedException with {@code DECODE} for another content type, or when the payload's
   *     format cannot be told
   */
  public PayloadCodec forContentType(String contentType, byte[] payload) {
    if (contentType == null || contentType.isBlank()) {
      return sniff(payload);
    }
    int semicolon = contentType.indexOf(';');
    String mediaType =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .strip()
            .toLowerCase(Locale.ROOT);
    return switch (mediaType) {
      case JSON -> compact;
      case SENML_JSON -> senmlJson;
      case SENML_CBOR -> senmlCbor;
      default ->
          throw new RejectedException(
              Reason.DECODE, "unsupported content type " + RejectedException.quote(contentType));
    };
  }

  /**
   * The codec for a CoAP request.
   *
   * @param contentFormat the request's content-format option, or a negative number when it has none
   *     (Californium's {@code MediaTypeRegistry.UNDEFINED} is -1), and then the payload decides
   * @throws RejectedException with {@code DECODE} for another content-format, or when the payload's
   *     format cannot be told
   */
  public PayloadCodec forContentFormat(int contentFormat, byte[] payload) {
    if (contentFormat < 0) {
      return sniff(payload);
    }
    return switch (contentFormat) {
      case JSON_FORMAT -> compact;
      case SENML_JSON_FORMAT -> senmlJson;
      case SENML_CBOR_FORMAT -> senmlCbor;
      default ->
          throw new RejectedException(Reason.DECODE, "unsupported content-format " + contentFormat);
    };
  }

  /**
   * The codec a payload's first byte points to: a CBOR array (major type 4) is SenML CBOR; after
   * JSON whitespace, {@code [} is SenML JSON and <code>{</code> compact JSON.
   *
   * @throws RejectedException with {@code BAD_ENCODING} for text that is not UTF-8 (a byte order
   *     mark, UTF-16), else {@code DECODE} when the first byte is none of these
   */
  public PayloadCodec sniff(byte[] payload) {
    if (payload.length == 0) {
      throw new RejectedException(Reason.DECODE, "empty payload");
    }
    if ((payload[0] & 0xe0) == 0x80) {
      return senmlCbor;
    }
    int i = 0;
    while (i < payload.length && isJsonWhitespace(payload[i])) {
      i++;
    }
    if (i < payload.length && payload[i] == '[') {
      return senmlJson;
    }
    if (i < payload.length && payload[i] == '{') {
      return compact;
    }
    int first = payload[0] & 0xff;
    if (first == 0x00 || first == 0xef || first == 0xfe || first == 0xff) {
      JsonInput.requireUtf8(payload); // JSON in UTF-16, UTF-32 or after a BOM: say so
    }
    throw new RejectedException(
        Reason.DECODE,
        i < payload.length
            ? String.format("unknown payload format: first byte 0x%02x", payload[i] & 0xff)
            : "blank payload");
  }

  private static boolean isJsonWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}

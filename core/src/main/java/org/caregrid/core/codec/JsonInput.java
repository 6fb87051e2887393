package org.caregrid.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;

/**
 * What a device's JSON must be before its format is read: UTF-8 without a byte order mark (RFC 8259
 * §8.1, JSON exchanged between systems), and with no key given twice in one object (§4 leaves the
 * meaning of that to each reader; we refuse it rather than guess which value was meant).
 */
public final class JsonInput {
  /** A parser factory that fails on a repeated key. */
  public static final JsonFactory STRICT =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** How Jackson begins the message of a repeated key, JSON and CBOR alike. */
  private static final String DUPLICATE_FIELD = "Duplicate field ";

  private JsonInput() {}

  /**
   * Checks that {@code payload} is UTF-8 text with no byte order mark and no NUL byte (JSON has no
   * place for one; in UTF-16 and UTF-32 every ASCII character carries one).
   *
   * @throws RejectedException with {@code BAD_ENCODING} naming what was found and where
   */
  public static void requireUtf8(byte[] payload) {
    String mark = byteOrderMark(payload);
    if (mark != null) {
      throw badEncoding("starts with a " + mark + " byte order mark; send UTF-8 without one");
    }
    int i = 0;
    while (i < payload.length) {
      int b = payload[i] & 0xff;
      if (b < 0x80) {
        if (b == 0) {
          throw badEncoding("NUL byte at offset " + i + " (UTF-16 or UTF-32?); send UTF-8");
        }
        i++;
        continue;
      }
      int length = sequenceLength(payload, i);
      if (length == 0) {
        throw badEncoding("invalid UTF-8 sequence at offset " + i);
      }
      i += length;
    }
  }

  /**
   * The length of the well-formed multi-byte sequence at {@code i} (RFC 3629 §4: no overlong forms,
   * no surrogates, nothing past U+10FFFF), or 0 when it is not one.
   */
  private static int sequenceLength(byte[] p, int i) {
    int b = p[i] & 0xff;
    int length;
    int low = 0x80;
    int high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      low = b == 0xe0 ? 0xa0 : 0x80;
      high = b == 0xed ? 0x9f : 0xbf;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      low = b == 0xf0 ? 0x90 : 0x80;
      high = b == 0xf4 ? 0x8f : 0xbf;
    } else {
      return 0;
    }
    if (i + length > p.length) {
      return 0;
    }
    int second = p[i + 1] & 0xff;
    if (second < low || second > high) {
      return 0;
    }
    for (int k = 2; k < length; k++) {
      if ((p[i + k] & 0xc0) != 0x80) {
        return 0;
      }
    }
    return length;
  }

  private static String byteOrderMark(byte[] p) {
    if (startsWith(p, 0xef, 0xbb, 0xbf)) {
      return "UTF-8";
    }
    if (startsWith(p, 0x00, 0x00, 0xfe, 0xff) || startsWith(p, 0xff, 0xfe, 0x00, 0x00)) {
      return "UTF-32";
    }
    if (startsWith(p, 0xfe, 0xff) || startsWith(p, 0xff, 0xfe)) {
      return "UTF-16";
    }
    return null;
  }

  private static boolean startsWith(byte[] p, int... prefix) {
    if (p.length < prefix.length) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if ((p[k] & 0xff) != prefix[k]) {
        return false;
      }
    }
    return true;
  }

  /** Whether Jackson failed on a key given twice in one object. */
  public static boolean isDuplicateKey(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    return message != null && message.startsWith(DUPLICATE_FIELD);
  }

  /**
   * The refusal of a repeated key. Jackson's message names the key, which is a label, not a value.
   */
  public static RejectedException duplicateKey(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    String key = message.substring(DUPLICATE_FIELD.length()).lines().findFirst().orElse("");
    if (key.length() >= 2 && key.startsWith("'") && key.endsWith("'")) {
      key = key.substring(1, key.length() - 1);
    }
    return new RejectedException(
        Reason.DUPLICATE, "key " + RejectedException.quote(key) + " appears twice in one object");
  }

  private static RejectedException badEncoding(String detail) {
    return new RejectedException(Reason.BAD_ENCODING, "not UTF-8 JSON: " + detail);
  }
}

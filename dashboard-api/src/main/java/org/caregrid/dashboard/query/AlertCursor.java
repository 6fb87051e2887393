package org.caregrid.dashboard.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.caregrid.core.alert.Severity;

/**
 * Where a page of alerts ended: the sort key of its last alert. The next page starts strictly after
 * it, so alerts raised while a client pages neither repeat nor shift earlier ones off a page, as an
 * offset would. Clients see it as an opaque string.
 *
 * @param openOrder which order it belongs to ({@link AlertFilter#openOrder})
 */
public record AlertCursor(boolean openOrder, int severityRank, Instant raisedAt, long id) {
  /** 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z in microseconds since 1970. */
  private static final long EARLIEST_MICROS = -62_135_596_800_000_000L;

  private static final long LATEST_MICROS = 253_402_300_800_000_000L;

  /** The cursor after {@code last}, in the given order. */
  static AlertCursor after(AlertView last, boolean openOrder) {
    return new AlertCursor(
        openOrder, Severity.fromCode(last.severity()).ordinal(), last.raisedAt(), last.id());
  }

  public String encode() {
    long micros = raisedAt.getEpochSecond() * 1_000_000L + raisedAt.getNano() / 1_000;
    String key = (openOrder ? "o" : "d") + "." + severityRank + "." + micros + "." + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * @throws IllegalArgumentException when {@code text} is not a cursor this API handed out
   */
  public static AlertCursor decode(String text) {
    String[] parts;
    try {
      parts =
          new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split("\\.");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cursor is not one this API handed out", e);
    }
    if (parts.length != 4 || !(parts[0].equals("o") || parts[0].equals("d"))) {
      throw new IllegalArgumentException("cursor is not one this API handed out");
    }
    try {
      long micros = Long.parseLong(parts[2]);
      // A forged time before PostgreSQL's first year would fail in the query instead.
      if (micros < EARLIEST_MICROS || micros > LATEST_MICROS) {
        throw new IllegalArgumentException("cursor is not one this API handed out");
      }
      return new AlertCursor(
          parts[0].equals("o"),
          Integer.parseInt(parts[1]),
          Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L),
          Long.parseLong(parts[3]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cursor is not one this API handed out", e);
    }
  }
}

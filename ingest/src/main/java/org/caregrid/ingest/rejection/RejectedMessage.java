package org.caregrid.ingest.rejection;

import org.caregrid.core.error.Reason;
import org.caregrid.core.metrics.Transport;

/**
 * One refused message as firmware teams see it: who sent it, why it was refused, and how it began.
 *
 * @param deviceUid the sender as the transport named it, or null when it named none
 * @param excerpt the payload's first bytes, printable ASCII kept, the rest escaped as \xNN
 */
public record RejectedMessage(
    long at,
    Transport transport,
    String deviceUid,
    Reason reason,
    String detail,
    int payloadSize,
    String excerpt) {

  static final int EXCERPT_BYTES = 256;

  public static RejectedMessage of(
      long at,
      Transport transport,
      String deviceUid,
      Reason reason,
      String detail,
      byte[] payload) {
    return new RejectedMessage(
        at, transport, deviceUid, reason, detail, payload.length, excerpt(payload));
  }

  static String excerpt(byte[] payload) {
    int n = Math.min(payload.length, EXCERPT_BYTES);
    StringBuilder out = new StringBuilder(n + 16);
    for (int i = 0; i < n; i++) {
      int b = payload[i] & 0xff;
      if (b >= 0x20 && b < 0x7f && b != '\\') {
        out.append((char) b);
      } else {
        out.append(String.format(java.util.Locale.ROOT, "\\x%02x", b));
      }
    }
    if (payload.length > n) {
      out.append("…");
    }
    return out.toString();
  }
}

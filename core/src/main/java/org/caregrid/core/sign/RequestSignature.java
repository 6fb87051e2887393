package org.caregrid.core.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request body we send (the help-request webhook, the city platform's records) so the
 * receiver can tell it came from us and is fresh: HMAC-SHA256 over {@code timestamp + "." + body},
 * sent as {@code X-CareGrid-Signature: sha256=<hex>} beside {@code X-CareGrid-Timestamp} (epoch
 * seconds). Signing the timestamp lets a receiver refuse replays.
 */
public final class RequestSignature {
  public static final String SIGNATURE_HEADER = "X-CareGrid-Signature";
  public static final String TIMESTAMP_HEADER = "X-CareGrid-Timestamp";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public RequestSignature(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The {@code X-CareGrid-Signature} value. */
  public String sign(long epochSecond, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe, and cheap to make
      mac.init(key);
      mac.update((epochSecond + ".").getBytes(StandardCharsets.US_ASCII));
      mac.update(body);
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
    }
  }
}

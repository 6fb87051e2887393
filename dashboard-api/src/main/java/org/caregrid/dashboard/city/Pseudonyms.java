package org.caregrid.dashboard.city;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A resident's pseudonym for the city: {@code r-} and the first 16 bytes of HMAC-SHA256 over their
 * id under a key the city never sees. One resident has one pseudonym, so the city can tell repeat
 * callers apart; without the key nobody can go from the pseudonym back to the resident.
 */
public final class Pseudonyms {
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public Pseudonyms(String secret) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException("a pseudonym key has at least 16 characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  public String of(int residentId) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest = mac.doFinal(("resident/" + residentId).getBytes(StandardCharsets.US_ASCII));
      return "r-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
    }
  }
}

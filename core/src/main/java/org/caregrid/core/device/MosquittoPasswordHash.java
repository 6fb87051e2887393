package org.caregrid.core.device;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in the format of Mosquitto 2.0's {@code password_file}, as {@code
 * mosquitto_passwd} writes them: {@code $7$<iterations>$<base64 salt>$<base64 hash>}, where the
 * hash is PBKDF2-HMAC-SHA512 of the UTF-8 password. The broker accepts only a 12-byte salt and a
 * 64-byte hash; any other length makes it drop the user.
 */
public final class MosquittoPasswordHash {
  /**
   * {@code mosquitto_passwd}'s default. Device secrets are random (see {@link DeviceCredentials}),
   * so guessing is not the threat a higher count would answer, and the broker pays for every
   * iteration on each CONNECT.
   */
  private static final int ITERATIONS = 101;

  private static final int SALT_BYTES = 12;
  private static final int HASH_BYTES = 64;
  private static final Pattern FORMAT =
      Pattern.compile("\\$7\\$([1-9][0-9]{0,8})\\$([A-Za-z0-9+/]{16})\\$([A-Za-z0-9+/]{86}==)");
  private static final SecureRandom RANDOM = new SecureRandom();

  private MosquittoPasswordHash() {}

  /** A new hash of {@code password} with a random salt. */
  public static String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return hash(password, salt, ITERATIONS);
  }

  static String hash(String password, byte[] salt, int iterations) {
    if (password.isEmpty()) {
      // mosquitto_passwd refuses it too; the JDK's PBKDF2 cannot take an empty key
      throw new IllegalArgumentException("an empty password cannot be hashed");
    }
    Base64.Encoder base64 = Base64.getEncoder();
    return "$7$"
        + iterations
        + "$"
        + base64.encodeToString(salt)
        + "$"
        + base64.encodeToString(pbkdf2(password, salt, iterations));
  }

  /**
   * Whether {@code password} matches {@code encoded}, as the broker would decide.
   *
   * @throws IllegalArgumentException if {@code encoded} is not a hash the broker would load
   */
  public static boolean verify(String password, String encoded) {
    Matcher m = FORMAT.matcher(encoded);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a Mosquitto 2.0 PBKDF2 password hash");
    }
    if (password.isEmpty()) {
      return false;
    }
    Base64.Decoder base64 = Base64.getDecoder();
    byte[] expected = base64.decode(m.group(3));
    byte[] actual = pbkdf2(password, base64.decode(m.group(2)), Integer.parseInt(m.group(1)));
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * The parts of a well-formed hash, as the dynamic-security plugin stores a client's password:
   * iterations, and salt and hash in Base64.
   *
   * @throws IllegalArgumentException if {@code encoded} is not a hash the broker would load
   */
  public static Parts parts(String encoded) {
    Matcher m = FORMAT.matcher(encoded);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a Mosquitto 2.0 PBKDF2 password hash");
    }
    return new Parts(Integer.parseInt(m.group(1)), m.group(2), m.group(3));
  }

  /** A hash taken apart; {@link #encoded} puts it together again. */
  public record Parts(int iterations, String salt, String hash) {
    public String encoded() {
      return "$7$" + iterations + "$" + salt + "$" + hash;
    }
  }

  /** Whether the broker would load {@code encoded} from its password file. */
  public static boolean isWellFormed(String encoded) {
    return encoded != null && FORMAT.matcher(encoded).matches();
  }

  private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    // PBEKeySpec takes chars; the JDK's PBKDF2 turns them into UTF-8, the bytes a client sends
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA512 is part of every Java 17 runtime", e);
    } finally {
      spec.clearPassword();
    }
  }
}

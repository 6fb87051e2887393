package org.caregrid.dashboard.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * Staff passwords as bcrypt hashes (docs/decisions/0005). Slow on purpose: call from a worker
 * thread, never an event loop.
 */
public final class Passwords {
  /** NIST SP 800-63B's floor for a chosen password. */
  public static final int MIN_LENGTH = 8;

  /** bcrypt reads at most 72 bytes; longer ones would be silently cut, so they are refused. */
  public static final int MAX_BYTES = 72;

  private final int cost;

  /**
   * A hash checked when the login is unknown, so that an unknown login takes as long as a wrong
   * password and does not reveal which logins exist. Made on first need: each costs as much as a
   * sign-in, and start-up should not wait for it.
   */
  private volatile String decoy;

  public Passwords(int cost) {
    this.cost = cost;
  }

  /**
   * @throws IllegalArgumentException when the password is too short or too long, naming the bound
   */
  public String hash(String password) {
    checkAcceptable(password);
    return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
  }

  /** True when {@code password} matches {@code hash}; a null hash (unknown login) never matches. */
  public boolean matches(String password, String hash) {
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      BCrypt.verifyer().verify(new char[0], decoy());
      return false;
    }
    boolean verified =
        BCrypt.verifyer().verify(password.toCharArray(), hash == null ? decoy() : hash).verified;
    return verified && hash != null;
  }

  private String decoy() {
    String d = decoy;
    if (d == null) {
      // two threads may both make one; either is as good
      d = BCrypt.withDefaults().hashToString(cost, "decoy for unknown logins".toCharArray());
      decoy = d;
    }
    return d;
  }

  public static void checkAcceptable(String password) {
    if (password.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "the password must have at least " + MIN_LENGTH + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "the password must be at most " + MAX_BYTES + " bytes in UTF-8");
    }
  }
}

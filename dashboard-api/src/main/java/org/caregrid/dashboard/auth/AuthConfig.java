package org.caregrid.dashboard.auth;

import java.time.Duration;
import org.caregrid.core.config.ConfigException;

/**
 * The {@code auth:} section: console sessions and sign-in limits.
 *
 * @param idleTimeout a session unused this long is signed out
 * @param maxLifetime a session ends this long after sign-in however busy it is, so a stolen cookie
 *     does not live for ever
 * @param secureCookie mark the session cookie {@code Secure}; on wherever the console is served
 *     over HTTPS (off by default because the demo is plain HTTP on localhost)
 * @param failuresPerLogin failed sign-ins to one login within {@code failureWindow} before it is
 *     refused with 429
 * @param failuresPerAddress failed sign-ins from one client address within {@code failureWindow}
 * @param failureWindow how long failures are remembered
 * @param bcryptCost the work factor of new password hashes (2^cost rounds)
 */
public record AuthConfig(
    Duration idleTimeout,
    Duration maxLifetime,
    boolean secureCookie,
    int failuresPerLogin,
    int failuresPerAddress,
    Duration failureWindow,
    int bcryptCost) {
  public AuthConfig {
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new ConfigException("auth.idle-timeout must be positive, got: " + idleTimeout);
    }
    if (maxLifetime.compareTo(idleTimeout) < 0) {
      throw new ConfigException(
          "auth.max-lifetime must be at least auth.idle-timeout, got: " + maxLifetime);
    }
    if (failuresPerLogin < 1 || failuresPerAddress < 1) {
      throw new ConfigException("auth.failures-per-login and -per-address must be at least 1");
    }
    if (failureWindow.isNegative() || failureWindow.isZero()) {
      throw new ConfigException("auth.failure-window must be positive, got: " + failureWindow);
    }
    // bcrypt's own bounds are 4..31; below 10 is too cheap to guess against (OWASP).
    if (bcryptCost < 4 || bcryptCost > 16) {
      throw new ConfigException("auth.bcrypt-cost must be 4..16, got: " + bcryptCost);
    }
  }

  public static AuthConfig defaults() {
    return new AuthConfig(
        Duration.ofMinutes(30), Duration.ofHours(12), false, 5, 20, Duration.ofMinutes(15), 12);
  }

  public AuthConfig withIdleTimeout(Duration idle) {
    return new AuthConfig(
        idle,
        maxLifetime,
        secureCookie,
        failuresPerLogin,
        failuresPerAddress,
        failureWindow,
        bcryptCost);
  }

  public AuthConfig withSecureCookie(boolean secure) {
    return new AuthConfig(
        idleTimeout,
        maxLifetime,
        secure,
        failuresPerLogin,
        failuresPerAddress,
        failureWindow,
        bcryptCost);
  }

  public AuthConfig withBcryptCost(int cost) {
    return new AuthConfig(
        idleTimeout,
        maxLifetime,
        secureCookie,
        failuresPerLogin,
        failuresPerAddress,
        failureWindow,
        cost);
  }
}

package org.caregrid.dashboard.auth;

import java.time.Duration;
import java.util.List;
import org.caregrid.core.config.ConfigException;

/**
 * The {@code auth:} section: console sessions and how wrong passwords are slowed down.
 *
 * @param idleTimeout a session unused this long is signed out
 * @param maxLifetime a session ends this long after sign-in however busy it is, so a stolen cookie
 *     does not live for ever
 * @param secureCookie mark the session cookie {@code Secure} and send HSTS; on wherever the console
 *     is served over HTTPS (off by default because the demo is plain HTTP on localhost)
 * @param freeFailuresPerLogin wrong passwords for one login from one client address before that
 *     address must wait between tries on it
 * @param freeFailuresPerAddress failed sign-ins from one client address, any login, before it must
 *     wait between tries
 * @param firstDelay the first wait; each further failure doubles it
 * @param longestDelay the wait stops doubling here
 * @param failureWindow failures are forgotten this long after the last one
 * @param trustedProxies reverse proxies (addresses or CIDR blocks) whose {@code X-Forwarded-For}
 *     names the client; from anyone else the header is ignored
 * @param bcryptCost the work factor of new password hashes (2^cost rounds)
 */
public record AuthConfig(
    Duration idleTimeout,
    Duration maxLifetime,
    boolean secureCookie,
    int freeFailuresPerLogin,
    int freeFailuresPerAddress,
    Duration firstDelay,
    Duration longestDelay,
    Duration failureWindow,
    List<String> trustedProxies,
    int bcryptCost) {
  public AuthConfig {
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new ConfigException("auth.idle-timeout must be positive, got: " + idleTimeout);
    }
    if (maxLifetime.compareTo(idleTimeout) < 0) {
      throw new ConfigException(
          "auth.max-lifetime must be at least auth.idle-timeout, got: " + maxLifetime);
    }
    if (freeFailuresPerLogin < 0 || freeFailuresPerAddress < 0) {
      throw new ConfigException("auth.free-failures-per-login and -per-address must be 0 or more");
    }
    if (firstDelay.isNegative() || firstDelay.isZero()) {
      throw new ConfigException("auth.first-delay must be positive, got: " + firstDelay);
    }
    if (longestDelay.compareTo(firstDelay) < 0) {
      throw new ConfigException(
          "auth.longest-delay must be at least auth.first-delay, got: " + longestDelay);
    }
    // a failure forgotten before its wait is over would end the wait early
    if (failureWindow.compareTo(longestDelay) < 0) {
      throw new ConfigException(
          "auth.failure-window must be at least auth.longest-delay, got: " + failureWindow);
    }
    trustedProxies = List.copyOf(trustedProxies);
    ClientAddress.trusting(trustedProxies);
    // bcrypt's own bounds are 4..31; below 10 is too cheap to guess against (OWASP).
    if (bcryptCost < 4 || bcryptCost > 16) {
      throw new ConfigException("auth.bcrypt-cost must be 4..16, got: " + bcryptCost);
    }
  }

  public static AuthConfig defaults() {
    return new AuthConfig(
        Duration.ofMinutes(30),
        Duration.ofHours(12),
        false,
        5,
        20,
        Duration.ofSeconds(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        List.of(),
        12);
  }

  public AuthConfig withIdleTimeout(Duration idle) {
    return new AuthConfig(
        idle,
        maxLifetime,
        secureCookie,
        freeFailuresPerLogin,
        freeFailuresPerAddress,
        firstDelay,
        longestDelay,
        failureWindow,
        trustedProxies,
        bcryptCost);
  }

  public AuthConfig withSecureCookie(boolean secure) {
    return new AuthConfig(
        idleTimeout,
        maxLifetime,
        secure,
        freeFailuresPerLogin,
        freeFailuresPerAddress,
        firstDelay,
        longestDelay,
        failureWindow,
        trustedProxies,
        bcryptCost);
  }

  public AuthConfig withBcryptCost(int cost) {
    return new AuthConfig(
        idleTimeout,
        maxLifetime,
        secureCookie,
        freeFailuresPerLogin,
        freeFailuresPerAddress,
        firstDelay,
        longestDelay,
        failureWindow,
        trustedProxies,
        cost);
  }
}

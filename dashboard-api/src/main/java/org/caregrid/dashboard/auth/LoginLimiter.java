package org.caregrid.dashboard.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing without handing anyone a lock on somebody else's account. Failures are
 * counted per login and client address together, and per client address over all logins. Each key
 * has a few free failures; after them its next try must wait, from the first delay doubling with
 * every further failure up to the longest. A login alone is never a key, so what strangers try from
 * elsewhere never slows its owner (docs/decisions/0019). Counts are per node.
 *
 * <p>Memory is bounded: at most {@code capacity} keys are tracked, the least recently failed
 * forgotten first. Keys are ordered by their last failure, so expired ones drop off the head.
 */
public final class LoginLimiter {
  /** Enough for every login of a district plus a burst of addresses; about 1 MB. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private final int freePerLogin;
  private final int freePerAddress;
  private final Duration firstDelay;
  private final Duration longestDelay;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Failures> failures;

  private record Failures(Instant last, int count) {}

  /**
   * @param freePerLogin failures of one login from one address before waits begin
   * @param freePerAddress failures from one address, any login, before waits begin
   * @param window a key's failures are forgotten this long after its last one
   */
  public LoginLimiter(
      int freePerLogin,
      int freePerAddress,
      Duration firstDelay,
      Duration longestDelay,
      Duration window,
      Clock clock,
      int capacity) {
    this.freePerLogin = freePerLogin;
    this.freePerAddress = freePerAddress;
    this.firstDelay = firstDelay;
    this.longestDelay = longestDelay;
    this.window = window;
    this.clock = clock;
    this.failures =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > capacity;
          }
        };
  }

  public static LoginLimiter of(AuthConfig config, Clock clock) {
    return new LoginLimiter(
        config.freeFailuresPerLogin(),
        config.freeFailuresPerAddress(),
        config.firstDelay(),
        config.longestDelay(),
        config.failureWindow(),
        clock,
        DEFAULT_CAPACITY);
  }

  /**
   * Starts a sign-in attempt, counted as a failure until {@link #succeeded} says otherwise:
   * counting first means that parallel guesses cannot all slip in while the first ones are still
   * checked.
   *
   * @return how long the caller must wait before trying again; empty when the attempt may go on
   */
  public synchronized Optional<Duration> attempt(String login, String address) {
    Instant now = clock.instant();
    forgetExpired(now);
    String pair = pairKey(login, address);
    String from = addressKey(address);
    Duration wait = longest(waitFor(pair, freePerLogin, now), waitFor(from, freePerAddress, now));
    if (!wait.isZero()) {
      return Optional.of(wait);
    }
    count(pair, now);
    count(from, now);
    return Optional.empty();
  }

  /**
   * The attempt's password was right: the login's failures from that address are cleared, and the
   * attempt no longer counts against the address (many staff may share one address).
   */
  public synchronized void succeeded(String login, String address) {
    failures.remove(pairKey(login, address));
    String key = addressKey(address);
    Failures f = failures.get(key);
    if (f != null) {
      if (f.count() <= 1) {
        failures.remove(key);
      } else {
        failures.put(key, new Failures(f.last(), f.count() - 1));
      }
    }
  }

  /** Keys currently tracked. */
  public synchronized int tracked() {
    return failures.size();
  }

  private Duration waitFor(String key, int free, Instant now) {
    Failures f = failures.get(key);
    if (f == null || f.count() < free) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, f.last().plus(delay(f.count() - free)));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The wait after {@code beyond} failures past the free ones: doubling, capped. */
  private Duration delay(int beyond) {
    Duration d = firstDelay;
    for (int i = 0; i < beyond && d.compareTo(longestDelay) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(longestDelay) > 0 ? longestDelay : d;
  }

  private void count(String key, Instant now) {
    // remove and put again, so the map stays ordered by last failure
    Failures f = failures.remove(key);
    failures.put(key, new Failures(now, f == null ? 1 : f.count() + 1));
  }

  private void forgetExpired(Instant now) {
    Iterator<Failures> it = failures.values().iterator();
    while (it.hasNext()) {
      if (it.next().last().plus(window).isAfter(now)) {
        return;
      }
      it.remove();
    }
  }

  private static Duration longest(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String pairKey(String login, String address) {
    return "login:" + StaffUsers.normalLogin(login) + "@" + address;
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }
}

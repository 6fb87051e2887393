package org.caregrid.dashboard.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing: after too many failed sign-ins to one login, or from one client
 * address, within a window, further attempts are refused until the window that began with the first
 * failure has passed. The count is per node (a cluster of n nodes allows n times as many); that
 * still turns an online guessing attack from minutes into months.
 *
 * <p>Memory is bounded: at most {@code capacity} logins and addresses are tracked, the oldest
 * forgotten first. Keys are ordered by when their window began, so expired ones are dropped from
 * the head as time passes.
 */
public final class LoginLimiter {
  /** Enough for every login of a district plus a burst of addresses; about 1 MB. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private final int perLogin;
  private final int perAddress;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Failures> failures;

  private record Failures(Instant since, int count) {}

  public LoginLimiter(int perLogin, int perAddress, Duration window, Clock clock, int capacity) {
    this.perLogin = perLogin;
    this.perAddress = perAddress;
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
        config.failuresPerLogin(),
        config.failuresPerAddress(),
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
    Duration wait =
        longest(
            waitFor(loginKey(login), perLogin, now), waitFor(addressKey(address), perAddress, now));
    if (!wait.isZero()) {
      return Optional.of(wait);
    }
    count(loginKey(login), now);
    count(addressKey(address), now);
    return Optional.empty();
  }

  /**
   * The attempt's password was right: its login's failures are cleared, and the attempt no longer
   * counts against the address (many staff may share one address).
   */
  public synchronized void succeeded(String login, String address) {
    failures.remove(loginKey(login));
    String key = addressKey(address);
    Failures f = failures.get(key);
    if (f != null) {
      if (f.count() <= 1) {
        failures.remove(key);
      } else {
        failures.put(key, new Failures(f.since(), f.count() - 1));
      }
    }
  }

  /** Logins and addresses currently tracked. */
  public synchronized int tracked() {
    return failures.size();
  }

  private Duration waitFor(String key, int limit, Instant now) {
    Failures f = failures.get(key);
    if (f == null || f.count() < limit) {
      return Duration.ZERO;
    }
    return Duration.between(now, f.since().plus(window));
  }

  private void count(String key, Instant now) {
    Failures f = failures.get(key);
    // put on an existing key keeps its place, so the map stays ordered by window start
    failures.put(key, f == null ? new Failures(now, 1) : new Failures(f.since(), f.count() + 1));
  }

  private void forgetExpired(Instant now) {
    Iterator<Failures> it = failures.values().iterator();
    while (it.hasNext()) {
      if (it.next().since().plus(window).isAfter(now)) {
        return;
      }
      it.remove();
    }
  }

  private static Duration longest(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String loginKey(String login) {
    return "login:" + StaffUsers.normalLogin(login);
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }
}

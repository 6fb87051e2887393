package org.caregrid.dashboard.city;

import java.net.URI;
import java.time.Duration;
import org.caregrid.core.config.ConfigException;

/**
 * The {@code city:} section: the link to the city platform (README, "City platform link").
 *
 * @param pseudonymKey the key of residents' pseudonyms; empty: a key the database made once
 * @param poll how often records are sequenced and the push is tried when nothing nudges it
 */
public record CityConfig(Push push, String pseudonymKey, Duration poll) {
  public CityConfig {
    if (poll.isNegative() || poll.isZero()) {
      throw new ConfigException("city.poll must be positive, got: " + poll);
    }
  }

  public static CityConfig defaults() {
    return new CityConfig(
        new Push("", "", "", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5)),
        "",
        Duration.ofSeconds(1));
  }

  public CityConfig withPush(Push p) {
    return new CityConfig(p, pseudonymKey, poll);
  }

  @Override
  public String toString() {
    return "CityConfig[push=" + push + ", pseudonymKey=***, poll=" + poll + "]";
  }

  /**
   * Where records are pushed.
   *
   * @param url the city's endpoint; empty: no push (the city may still pull). HTTPS, except on the
   *     loopback interface, where tests and a local relay may use plain HTTP
   * @param secret the HMAC-SHA256 key of {@code X-CareGrid-Signature}; set it through {@code
   *     CAREGRID_CITY_PUSH_SECRET}
   * @param caFile a PEM file of the certificate authorities to trust for the city's endpoint;
   *     empty: the JVM's own
   * @param timeout a try with no answer within this long has failed
   * @param initialDelay the wait after the first failed try, doubling up to {@code maxDelay}
   */
  public record Push(
      String url,
      String secret,
      String caFile,
      Duration timeout,
      Duration initialDelay,
      Duration maxDelay) {
    public Push {
      if (!url.isEmpty()) {
        URI uri;
        try {
          uri = URI.create(url);
        } catch (IllegalArgumentException e) {
          throw new ConfigException("city.push.url is not a URL: " + url);
        }
        boolean https = "https".equals(uri.getScheme());
        boolean loopback =
            "http".equals(uri.getScheme())
                && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
        if (!https && !loopback) {
          throw new ConfigException("city.push.url must be https:// (got: " + url + ")");
        }
        if (secret == null || secret.isEmpty()) {
          throw new ConfigException("city.push.secret must be set when city.push.url is");
        }
      }
      if (timeout.isNegative() || timeout.isZero() || initialDelay.isNegative()) {
        throw new ConfigException("city.push.timeout and initial-delay must be positive");
      }
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new ConfigException("city.push.max-delay must be at least initial-delay");
      }
    }

    public boolean enabled() {
      return !url.isEmpty();
    }

    @Override
    public String toString() {
      return "Push[url="
          + url
          + ", secret=***, caFile="
          + caFile
          + ", timeout="
          + timeout
          + ", initialDelay="
          + initialDelay
          + ", maxDelay="
          + maxDelay
          + "]";
    }
  }
}

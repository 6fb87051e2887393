package org.caregrid.core.config;

/**
 * The HTTP server of the console, API, {@code /metrics} and {@code /health} ({@code http:}).
 *
 * @param metricsToken when set, {@code /metrics} answers only a request with {@code Authorization:
 *     Bearer <token>} (as Prometheus's {@code authorization} scrape setting sends it); empty: open,
 *     for a node whose port only a private network reaches
 */
public record HttpConfig(String host, int port, String metricsToken) {
  public HttpConfig {
    if (port < 0 || port > 65535) {
      throw new ConfigException("http.port must be 0..65535, got: " + port);
    }
    metricsToken = metricsToken == null ? "" : metricsToken.strip();
  }

  public static HttpConfig defaults() {
    return new HttpConfig("0.0.0.0", 8080, "");
  }

  @Override
  public String toString() {
    return "HttpConfig[host=%s, port=%d, metricsToken=%s]"
        .formatted(host, port, metricsToken.isEmpty() ? "" : "***");
  }
}

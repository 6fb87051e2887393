package org.caregrid.core.config;

/** The HTTP server of the console, API, {@code /metrics} and {@code /health} ({@code http:}). */
public record HttpConfig(String host, int port) {
  public HttpConfig {
    if (port < 0 || port > 65535) {
      throw new ConfigException("http.port must be 0..65535, got: " + port);
    }
  }

  public static HttpConfig defaults() {
    return new HttpConfig("0.0.0.0", 8080);
  }
}

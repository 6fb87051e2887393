package org.caregrid.core.metrics;

import io.micrometer.core.instrument.Tag;

/** How a message reached the platform: a metrics label with a closed set of values. */
public enum Transport {
  MQTT,
  COAP;

  public Tag tag() {
    return Tag.of("transport", name().toLowerCase(java.util.Locale.ROOT));
  }
}

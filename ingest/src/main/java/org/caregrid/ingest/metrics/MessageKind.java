package org.caregrid.ingest.metrics;

import io.micrometer.core.instrument.Tag;
import java.util.Locale;

/** What a device message carries: a metrics label with a closed set of values. */
public enum MessageKind {
  TELEMETRY,
  EVENT,
  STATUS;

  public Tag tag() {
    return Tag.of("kind", name().toLowerCase(Locale.ROOT));
  }
}

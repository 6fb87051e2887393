package org.caregrid.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets through to the terminal what its reader acts on: the platform's own lines and every
 * library's warnings. The libraries' information lines (Californium alone writes six for each
 * simulated CoAP device) go to the log file only, where there is one.
 */
public final class OwnLinesFilter extends Filter<ILoggingEvent> {
  private static final String OWN = "org.caregrid.";

  @Override
  public FilterReply decide(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.WARN) || event.getLoggerName().startsWith(OWN)) {
      return FilterReply.NEUTRAL;
    }
    return FilterReply.DENY;
  }
}

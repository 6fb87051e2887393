package org.caregrid.alerting.alert;

import org.caregrid.alerting.routing.RouteStep;
import org.caregrid.core.alert.AlertChange;

/**
 * Told what follows each committed change to an alert: help requests to send, consoles to update,
 * timers to set. Each change reaches exactly one of these methods, after its transaction committed,
 * on the alert desk's event loop, in the order the changes of one alert were committed. A listener
 * must not block; what it starts (a publish, a timer) it starts asynchronously.
 *
 * <p>Everything a listener is given is plain data read back from the database, so a listener can as
 * well run where the change was not made, and can record or forward it as it is.
 */
public interface AlertListener {

  /**
   * A new alert, stored with the first step of its route.
   *
   * @param step the stations told first; without requests when no station could be found
   */
  default void raised(AlertChange alert, RouteStep step) {}

  /** An open alert's cause was seen again: its count, severity and detail are as stored now. */
  default void repeated(AlertChange alert) {}

  /**
   * Nobody accepted the alert by its deadline, and it took its next step.
   *
   * @param alert the alert as it was when its deadline passed
   * @param step the stations told at this step; without requests when there was nobody left
   */
  default void escalated(AlertChange alert, RouteStep step) {}

  /**
   * Someone took the alert.
   *
   * @param responder the station now answering for it and the resident's SOS pendants to tell
   */
  default void accepted(AlertChange alert, Change change, Responder responder) {}

  /** Any other change: a station's panel notified, staff on site, closed, restored, a note. */
  default void changed(AlertChange alert, Change change) {}
}

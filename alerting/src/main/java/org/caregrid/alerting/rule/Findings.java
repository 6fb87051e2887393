package org.caregrid.alerting.rule;

import org.caregrid.core.alert.AlertKind;

/** What rules report to the engine. */
public interface Findings {
  /**
   * Opens an alert, or counts a repeat on the open one: the store upserts on (resident, kind) and
   * sets severity and detail to the candidate's.
   */
  void raise(AlertCandidate candidate);

  /** The cause is over and the alert closes itself (device_offline "restored"). */
  void restore(AlertKind kind, int residentKey, long at, String note);

  /**
   * Adds an audit note to the open alert without closing it (a vital back inside its band, a fall
   * cancelled on the device).
   */
  void note(AlertKind kind, int residentKey, long at, String note);
}

package org.caregrid.alerting.alert;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertKind;

/** Where alerts live. Blocking: called on the database worker pool only. */
public interface AlertStore {

  /**
   * Opens an alert for the candidate's resident and kind and routes it to its first station, or,
   * when one is open, counts the repeat on it (taking the candidate's severity and detail).
   */
  Raised raise(AlertCandidate candidate, Instant now) throws SQLException;

  /** Closes the open alert of this kind as {@code restored}: its cause went away by itself. */
  Optional<AlertChange> restore(AlertKind kind, int residentKey, Instant now, String note)
      throws SQLException;

  /** Adds a system note to the open alert of this kind, if there is one. */
  Optional<AlertChange> note(AlertKind kind, int residentKey, Instant now, String note)
      throws SQLException;

  /** Records that a station's panel received the request; the first one moves it to notified. */
  Optional<AlertChange> notified(long alertId, int stationKey, Instant now) throws SQLException;

  /** Whether an alert of this kind was raised for the resident at or after {@code since}. */
  boolean raisedSince(AlertKind kind, int residentKey, Instant since) throws SQLException;
}

package org.caregrid.alerting.alert;

import java.sql.SQLException;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.core.alert.AlertChange;

/** Where alerts live. Blocking: called on the database worker pool only. */
public interface AlertStore {

  /**
   * Opens an alert for the candidate's resident and kind, or, when one is open, counts the repeat
   * on it. Either way the result is the alert as stored.
   */
  AlertChange raise(AlertCandidate candidate) throws SQLException;
}

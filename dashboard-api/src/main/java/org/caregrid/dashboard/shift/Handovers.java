package org.caregrid.dashboard.shift;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.caregrid.dashboard.auth.Principal;

/** Shift handover notes. Blocking: runs on the database worker pool only. */
public interface Handovers {
  /** The station's newest notes, newest first; empty if there is no such station. */
  Optional<List<Handover>> recent(int stationId, boolean pendingOnly, int limit)
      throws SQLException;

  /** The open work a note written now would list; empty if there is no such station. */
  Optional<JsonObject> draft(int stationId) throws SQLException;

  /**
   * Writes a note with the open work summarised now, audited in the same transaction.
   *
   * @return the note, or empty if there is no such station
   */
  Optional<Handover> write(Principal who, int stationId, String note) throws SQLException;

  /**
   * Records that {@code who} of the incoming shift has read the note, audited in the same
   * transaction.
   *
   * @return the note as it is now, or empty if the station has no such note
   * @throws Refusal if it is acknowledged already or {@code who} wrote it
   */
  Optional<Handover> acknowledge(Principal who, int stationId, long id)
      throws SQLException, Refusal;

  /** An acknowledgement the note's state does not allow. */
  final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    public Refusal(String reason) {
      super(reason, null, false, false);
    }
  }
}

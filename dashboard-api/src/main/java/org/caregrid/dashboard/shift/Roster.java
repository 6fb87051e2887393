package org.caregrid.dashboard.shift;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.caregrid.dashboard.auth.Principal;

/** A station's staff and duty roster. Blocking: runs on the database worker pool only. */
public interface Roster {
  /** The station's active staff and leads, leads first; empty if there is no such station. */
  Optional<List<Member>> members(int stationId) throws SQLException;

  /** The staffed shifts from {@code from} for {@code days} days, in order; empty if no station. */
  Optional<List<RosterSlot>> slots(int stationId, LocalDate from, int days) throws SQLException;

  /**
   * Puts exactly {@code staffIds} on one shift (none clears it), audited in the same transaction.
   *
   * @return the shift as it is now, or empty if there is no such station
   * @throws NotAtStation if one of them is not active staff of the station
   */
  Optional<RosterSlot> assign(
      Principal who, int stationId, LocalDate day, Shift shift, List<Integer> staffIds)
      throws SQLException, NotAtStation;

  /** A staff id given for a roster that does not belong to the station's active staff. */
  final class NotAtStation extends Exception {
    private static final long serialVersionUID = 1L;

    public NotAtStation(int staffId) {
      super("staff " + staffId + " is not active staff of this station", null, false, false);
    }
  }
}

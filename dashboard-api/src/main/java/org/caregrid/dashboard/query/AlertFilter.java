package org.caregrid.dashboard.query;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.caregrid.core.alert.AlertState;

/**
 * Which alerts a list shows, and from where in it.
 *
 * @param state {@code open}, {@code closed}, {@code all} or one state's code
 * @param severities severity codes; empty for every severity
 * @param station only alerts routed to this station; null for any
 * @param from raised at or after; null for no lower bound
 * @param to raised before; null for no upper bound
 * @param after where the previous page ended; null for the first page
 */
public record AlertFilter(
    String state,
    List<String> severities,
    Integer station,
    Instant from,
    Instant to,
    int limit,
    AlertCursor after) {

  public static final String OPEN = "open";
  public static final String CLOSED = "closed";
  public static final String ALL = "all";

  public AlertFilter {
    if (!isState(state)) {
      throw new IllegalArgumentException("unknown state " + state);
    }
    severities = List.copyOf(severities);
    if (after != null && after.openOrder() != openOrder(state)) {
      throw new IllegalArgumentException("the cursor belongs to a list in another order");
    }
  }

  /** Whether {@code state} names a group or a state. */
  public static boolean isState(String state) {
    if (Set.of(OPEN, CLOSED, ALL).contains(state)) {
      return true;
    }
    for (AlertState s : AlertState.values()) {
      if (s.code().equals(state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Lists of alerts that still need someone put the most urgent and longest waiting first; the
   * others, history, put the newest first.
   */
  public boolean openOrder() {
    return openOrder(state);
  }

  private static boolean openOrder(String state) {
    return OPEN.equals(state)
        || (!CLOSED.equals(state) && !ALL.equals(state) && AlertState.fromCode(state).isOpen());
  }
}

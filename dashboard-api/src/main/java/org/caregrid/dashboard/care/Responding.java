package org.caregrid.dashboard.care;

/**
 * Who responds to an alert: while it is accepted or on site, the staff of the station that accepted
 * it, and whoever accepted it (district staff have no station). They alone see the door code.
 */
final class Responding {
  /** A boolean SQL expression over {@code alert a}; binds the viewer's station, then login. */
  static final String EXPRESSION =
      "(a.state IN ('accepted', 'on_site') AND (a.station_id = ? OR EXISTS (SELECT 1"
          + " FROM alert_event e WHERE e.alert_id = a.id AND e.action = 'accepted'"
          + " AND e.actor = ?)))";

  private Responding() {}
}

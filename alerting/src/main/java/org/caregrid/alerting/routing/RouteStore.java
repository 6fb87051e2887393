package org.caregrid.alerting.routing;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where alerts' routes live: each step's stations, and the deadline by which one of them must
 * accept. The first step is taken with the alert itself (see {@link JdbcRouteStore#first}), so an
 * alert is never stored without its route. Blocking: called on the database worker pool only.
 */
public interface RouteStore {

  /**
   * Takes the alert's next step if it is still waiting to be accepted and its deadline has passed;
   * does nothing otherwise (it was accepted, or another node escalated it first).
   */
  Optional<Escalation> escalateIfDue(long alertId, Instant now) throws SQLException;

  /** Every alert waiting for a station to accept it, soonest deadline first. */
  List<Deadline> awaiting() throws SQLException;
}

package org.caregrid.core.alert;

import java.util.Objects;

/**
 * A person acting on an alert, sent by the dashboard to alerting on {@code care.alerts.commands}.
 * The reply is the {@link AlertChange}, or a failure whose code is an HTTP status: 404 unknown
 * alert (or not visible from {@code stationKey}), 409 not allowed in its current state.
 *
 * @param actor who acts, as recorded in the audit trail (a user name)
 * @param stationKey the actor's station, or 0 for programme and district staff who may act on any
 *     alert; station staff may act only on alerts routed to their station
 * @param outcome required by {@link Action#RESOLVE}, otherwise null
 * @param note free text for the audit trail; required by {@link Action#NOTE}
 */
public record AlertCommand(
    Action action, long alertId, String actor, int stationKey, Outcome outcome, String note) {

  public AlertCommand {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
    if (action == Action.RESOLVE && outcome == null) {
      throw new IllegalArgumentException("resolving needs an outcome");
    }
    if (action == Action.NOTE && (note == null || note.isBlank())) {
      throw new IllegalArgumentException("a note needs text");
    }
  }

  /** What staff can do to an alert. */
  public enum Action {
    ACCEPT,
    ON_SITE,
    RESOLVE,
    CANCEL,
    NOTE
  }
}

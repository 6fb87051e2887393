package org.caregrid.alerting.alert;

import java.util.Objects;
import org.caregrid.alerting.audit.Audit;
import org.caregrid.core.alert.AlertCommand;
import org.caregrid.core.alert.Outcome;

/**
 * Who changed an alert and how, as its audit row records it.
 *
 * @param actor a staff member's login, or {@link Audit#SYSTEM}
 * @param outcome how a resolved alert ended; null for any other action
 * @param note the audit note; null when there is none
 */
public record Change(Action action, String actor, Outcome outcome, String note) {

  /** What was done to the alert. */
  public enum Action {
    NOTIFIED,
    ACCEPTED,
    ON_SITE,
    RESOLVED,
    CANCELLED,
    RESTORED,
    NOTED
  }

  public Change {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
  }

  /** A change the platform made itself. */
  public static Change bySystem(Action action, Outcome outcome, String note) {
    return new Change(action, Audit.SYSTEM, outcome, note);
  }

  /** The change a staff command made. */
  public static Change of(AlertCommand command) {
    Action action =
        switch (command.action()) {
          case ACCEPT -> Action.ACCEPTED;
          case ON_SITE -> Action.ON_SITE;
          case RESOLVE -> Action.RESOLVED;
          case CANCEL -> Action.CANCELLED;
          case NOTE -> Action.NOTED;
        };
    return new Change(action, command.actor(), command.outcome(), command.note());
  }

  public boolean isBySystem() {
    return Audit.SYSTEM.equals(actor);
  }
}

package org.caregrid.alerting.lifecycle;

/**
 * A staff command that cannot be carried out; {@code status} is the HTTP status the dashboard
 * answers with (404: no such alert for this station, 409: not in a state that allows it).
 */
public final class CommandRefused extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  public CommandRefused(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}

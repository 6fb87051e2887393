package org.caregrid.core.error;

/** The sender's fault: never retried, answered with a 4.xx or acknowledged and counted. */
public final class RejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Reason reason;

  public RejectedException(Reason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}

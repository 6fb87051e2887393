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

  /**
   * Quotes text that came from the sender (a name, a unit, a content type) for a rejection message:
   * cut to 40 characters and with control characters replaced, so that the message stays one short
   * line whatever the sender wrote.
   */
  public static String quote(String senderText) {
    String cut = senderText.length() > 40 ? senderText.substring(0, 40) + "..." : senderText;
    return '"' + cut.replaceAll("\\p{Cntrl}", "?") + '"';
  }
}

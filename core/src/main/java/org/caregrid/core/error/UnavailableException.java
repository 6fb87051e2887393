package org.caregrid.core.error;

/** Our fault or our load: the sender should retry later (MQTT: not acknowledged; CoAP: 5.03). */
public final class UnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnavailableException(String detail) {
    super(detail, null, false, false);
  }

  public UnavailableException(String detail, Throwable cause) {
    super(detail, cause);
  }
}

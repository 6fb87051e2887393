package org.caregrid.core.device;

/**
 * A device's external identity: its MQTT username, the segment in {@code care/{id}/...} topics and
 * its DTLS PSK identity. Limited to characters that are safe in topics, URNs and file names: a
 * letter or digit, then up to 63 letters, digits, {@code .}, {@code _} or {@code -} (ASCII only).
 */
public record DeviceId(String value) {
  private static final int MAX_LENGTH = 64;

  public DeviceId {
    if (!isValid(value)) {
      throw new IllegalArgumentException("invalid device id: " + value);
    }
  }

  /**
   * Whether {@code value} would make a valid id, without throwing. Checked by hand rather than by a
   * regular expression: ingest checks the id of every message it receives.
   */
  public static boolean isValid(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    if (!isLetterOrDigit(value.charAt(0))) {
      return false;
    }
    for (int i = 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  @Override
  public String toString() {
    return value;
  }
}

package org.caregrid.core.device;

import java.util.regex.Pattern;

/**
 * A device's external identity: its MQTT username, the segment in {@code care/{id}/...} topics and
 * its DTLS PSK identity. Limited to characters that are safe in topics, URNs and file names.
 */
public record DeviceId(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public DeviceId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid device id: " + value);
    }
  }

  /** Whether {@code value} would make a valid id, without throwing. */
  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}

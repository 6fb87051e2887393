package org.caregrid.core.device;

/** A sealed PSK that does not open: the device is refused, never the whole registry. */
public final class SealedPskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final DeviceId device;

  SealedPskException(DeviceId device, String why) {
    super("the DTLS key of device " + device.value() + " cannot be opened: " + why);
    this.device = device;
  }

  public DeviceId device() {
    return device;
  }
}

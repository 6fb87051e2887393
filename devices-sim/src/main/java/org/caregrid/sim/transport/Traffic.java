package org.caregrid.sim.transport;

import java.util.concurrent.atomic.AtomicLong;

/** What the simulated devices sent, and how much of it the broker or the platform took. */
public final class Traffic {
  final AtomicLong sent = new AtomicLong();
  final AtomicLong acknowledged = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong resent = new AtomicLong();

  /** Messages handed to a connection. */
  public long sent() {
    return sent.get();
  }

  /** Messages the broker (MQTT PUBACK) or the platform (CoAP 2.04) acknowledged. */
  public long acknowledged() {
    return acknowledged.get();
  }

  /** Messages refused, timed out or not sent at all. */
  public long failed() {
    return failed.get();
  }

  /**
   * Messages sent again because the broker said no subscriber took them (MQTT PUBACK 0x10): each is
   * counted once per try, and as acknowledged or failed once, when it is taken or given up.
   */
  public long resent() {
    return resent.get();
  }

  @Override
  public String toString() {
    return "sent "
        + sent()
        + ", acknowledged "
        + acknowledged()
        + ", failed "
        + failed()
        + ", resent "
        + resent();
  }
}

package org.caregrid.server.demo;

/** The demo was told to stop while it was still starting; what had started is stopped. */
public final class DemoStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DemoStopped() {
    super("stopped while starting");
  }
}

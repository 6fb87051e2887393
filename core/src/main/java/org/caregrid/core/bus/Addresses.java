package org.caregrid.core.bus;

/** Event-bus addresses where the tiers meet (DESIGN §3). */
public final class Addresses {
  /** {@link org.caregrid.core.reading.ReadingBatch}es accepted by ingest, published. */
  public static final String READINGS = "care.readings";

  /** {@link org.caregrid.core.event.EventBatch}es accepted by ingest, published. */
  public static final String EVENTS = "care.events";

  /** {@link org.caregrid.core.device.StatusChange}s from devices' status topics, published. */
  public static final String DEVICE_STATUS = "care.device.status";

  /** {@link org.caregrid.core.alert.AlertChange}s from alerting, published. */
  public static final String ALERTS_CHANGED = "care.alerts.changed";

  /** {@link org.caregrid.core.alert.AlertCommand}s from staff to alerting, request-reply. */
  public static final String ALERT_COMMANDS = "care.alerts.commands";

  private Addresses() {}
}

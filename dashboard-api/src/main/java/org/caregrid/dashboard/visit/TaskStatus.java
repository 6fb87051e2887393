package org.caregrid.dashboard.visit;

import java.util.Locale;

/** Where a plan's next visit stands today. */
public enum TaskStatus {
  /** Due after the task window: not a task yet. */
  UPCOMING,
  /** Due today or within the task window. */
  DUE,
  /** Its due day has passed. */
  OVERDUE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package org.caregrid.sim.resident;

import org.caregrid.sim.signal.VitalProfile.Activity;

/** Where a resident is and what they are doing, which each device sees in its own way. */
public enum Whereabouts {
  /** In bed for the night. */
  ASLEEP(true, true, Activity.ASLEEP),
  /** In bed during the day. */
  NAPPING(true, true, Activity.RESTING),
  /** Up at night, to the toilet or a drink; back in bed soon. */
  UP_AT_NIGHT(false, true, Activity.ACTIVE),
  /** Up and about at home. */
  AT_HOME(false, true, Activity.ACTIVE),
  /** Out of the home: shopping, a walk, the community canteen. */
  OUT(false, false, Activity.ACTIVE);

  private final boolean inBed;
  private final boolean home;
  private final Activity activity;

  Whereabouts(boolean inBed, boolean home, Activity activity) {
    this.inBed = inBed;
    this.home = home;
    this.activity = activity;
  }

  public boolean inBed() {
    return inBed;
  }

  public boolean home() {
    return home;
  }

  public Activity activity() {
    return activity;
  }
}

package org.caregrid.dashboard.tier;

import java.util.Map;

/**
 * One unit's figures over a range of days.
 *
 * @param bedsEnrolled care beds enrolled in the range in the unit's homes
 * @param bedsTarget the unit's bed target pro-rated to the range
 * @param bedsTargetOwn whether the target was set for the unit, or is its share of the one above
 * @param devicesOnline active devices online now
 * @param devicesActive active devices
 * @param alertsByKind alerts raised in the range
 * @param timeToAccept raised to accepted (waiting alerts count with the time so far)
 * @param timeToOnSite raised to staff on site
 * @param visitCoverage visits done on time, in percent; null with no visit due in the range
 */
public record TierFigures(
    long bedsEnrolled,
    double bedsTarget,
    boolean bedsTargetOwn,
    long devicesOnline,
    long devicesActive,
    Map<String, Long> alertsByKind,
    Answer timeToAccept,
    Answer timeToOnSite,
    Double visitCoverage) {

  public TierFigures {
    alertsByKind = Map.copyOf(alertsByKind);
  }
}

package org.caregrid.alerting.routing;

/**
 * A care station as routing sees it at one moment.
 *
 * @param parentKey the station one tier up, or 0 at the top
 * @param openAlerts alerts routed to it or accepted by it that are still open
 */
public record Station(
    int key,
    String code,
    String name,
    Tier tier,
    int parentKey,
    double lat,
    double lon,
    boolean onDuty,
    int capacity,
    int openAlerts) {

  /** On duty and not yet carrying as many open alerts as it can handle. */
  public boolean canTakeMore() {
    return onDuty && openAlerts < capacity;
  }

  /** Great-circle distance to a point, in metres (haversine on a spherical earth). */
  public double metresTo(double toLat, double toLon) {
    double p1 = Math.toRadians(lat);
    double p2 = Math.toRadians(toLat);
    double dp = p2 - p1;
    double dl = Math.toRadians(toLon - lon);
    double h =
        Math.sin(dp / 2) * Math.sin(dp / 2)
            + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  private static final double EARTH_RADIUS_M = 6_371_008.8;
}

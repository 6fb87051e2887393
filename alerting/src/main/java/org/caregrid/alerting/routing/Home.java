package org.caregrid.alerting.routing;

/** Who needs help and where: routing measures from the home, help requests name both. */
public record Home(HelpRequest.ResidentInfo resident, HelpRequest.HomeInfo info) {
  public double lat() {
    return info.lat();
  }

  public double lon() {
    return info.lon();
  }
}

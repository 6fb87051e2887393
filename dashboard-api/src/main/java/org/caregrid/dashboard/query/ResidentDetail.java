package org.caregrid.dashboard.query;

import java.util.List;

/** A resident with care plan, home, devices and each vital sign's newest reading. */
public record ResidentDetail(
    ResidentView resident,
    HomeView home,
    List<DeviceView> devices,
    List<AlertDetail.Vital> latestVitals) {
  public ResidentDetail {
    devices = List.copyOf(devices);
    latestVitals = List.copyOf(latestVitals);
  }
}

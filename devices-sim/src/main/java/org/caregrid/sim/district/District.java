package org.caregrid.sim.district;

import java.util.List;

/** A generated district: its stations and the homes they serve. */
public record District(List<Station> stations, List<Home> homes) {
  public District {
    stations = List.copyOf(stations);
    homes = List.copyOf(homes);
  }

  /** A care station. {@code parentCode} is null for the district centre. */
  public record Station(
      String code,
      String name,
      String tier,
      String parentCode,
      double lat,
      double lon,
      int capacity) {}

  /** A home with its one resident and their devices. */
  public record Home(
      String address,
      String community,
      double lat,
      double lon,
      String residentName,
      int birthYear,
      boolean livesAlone,
      List<DeviceSpec> devices) {
    public Home {
      devices = List.copyOf(devices);
    }
  }

  /**
   * A device of a home.
   *
   * @param uid the device's id on the wire
   * @param intervalSeconds how often it reports
   */
  public record DeviceSpec(String uid, String kind, int intervalSeconds) {}
}

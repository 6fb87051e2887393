package org.caregrid.sim.district;

import java.util.List;
import org.caregrid.core.device.DeviceKind;

/**
 * A generated district: its areas (streets and a town), the care stations in tiers, and the homes
 * they serve with their residents and devices. Plain data: enrolment and the simulation both read
 * it, and the same seed always gives an equal one.
 */
public record District(List<Area> areas, List<Station> stations, List<Home> homes) {
  public District {
    areas = List.copyOf(areas);
    stations = List.copyOf(stations);
    homes = List.copyOf(homes);
  }

  /** A street (街道) or town (镇) under the district, with its own centre. */
  public record Area(String code, String name, boolean town) {}

  /**
   * A care station. {@code parentCode} is null for the district centre; {@code community} names the
   * community a community station serves, and is null for the tiers above.
   */
  public record Station(
      String code,
      String name,
      String tier,
      String parentCode,
      String community,
      double lat,
      double lon,
      int capacity) {}

  /** A home with its one resident and their devices. */
  public record Home(
      String address,
      String community,
      String areaCode,
      double lat,
      double lon,
      Resident resident,
      List<DeviceSpec> devices) {
    public Home {
      devices = List.copyOf(devices);
    }
  }

  /**
   * The resident of a home, with the risk flags the platform stores (DESIGN §5).
   *
   * @param copd COPD with a target SpO2 of 88-92 %: NEWS2 scale 2
   * @param seed draws their days and vital signs in the simulation
   */
  public record Resident(
      String name, int birthYear, boolean livesAlone, boolean dementia, boolean copd, long seed) {}

  /**
   * A device of a home.
   *
   * @param uid the device's id on the wire: MQTT username, topic segment, DTLS PSK identity
   * @param intervalSeconds how often it reports, the platform's expected interval
   */
  public record DeviceSpec(String uid, DeviceKind kind, Encoding encoding, int intervalSeconds) {}

  /** How a device speaks to the platform (DESIGN §4). */
  public enum Encoding {
    MQTT_COMPACT_JSON,
    MQTT_SENML_JSON,
    COAP_SENML_CBOR;

    public boolean coap() {
      return this == COAP_SENML_CBOR;
    }
  }

  /** Stations of the given tier. */
  public List<Station> stations(String tier) {
    return stations.stream().filter(s -> s.tier().equals(tier)).toList();
  }
}

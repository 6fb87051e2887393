package org.caregrid.dashboard.auth;

/**
 * What a staff user may do. Station staff and leads belong to one station and see only alerts
 * routed or escalated to it; district and programme staff see the whole district. Kiosks, the city
 * platform and family doctors are accounts of systems and screens that only read, each through its
 * own part of the API ({@link Reach}).
 */
public enum StaffRole {
  /** Handles the help requests of one station. */
  STATION_STAFF("station_staff"),
  /** Station staff who also put their station on or off duty. */
  STATION_LEAD("station_lead"),
  /** Oversees every station: sees and acts on every alert, sets duty, reads the reports. */
  DISTRICT_ADMIN("district_admin"),
  /**
   * Runs the programme: enrols residents, homes and devices, edits care plans, reads the reports.
   */
  PROGRAMME_ADMIN("programme_admin"),
  /** The command centre's big screen: reads the tier views and the big screen, names masked. */
  KIOSK("kiosk"),
  /** The city platform: reads the tier feed ({@code /api/v1/tier/...}) with a bearer token. */
  CITY_PLATFORM("city_platform"),
  /** A family doctor: reads the residents signed with them over FHIR, with a bearer token. */
  FAMILY_DOCTOR("family_doctor");

  private final String code;

  StaffRole(String code) {
    this.code = code;
  }

  /** The name in {@code staff_user.role} and in the API. */
  public String code() {
    return code;
  }

  public boolean atOneStation() {
    return this == STATION_STAFF || this == STATION_LEAD;
  }

  /**
   * Whether a user of this role may be limited to one station and the units below it (or have the
   * whole district without one).
   */
  public boolean mayHaveStation() {
    return atOneStation() || this == KIOSK || this == CITY_PLATFORM;
  }

  /** Whether systems may read on this role's behalf with a bearer token. */
  public boolean takesTokens() {
    return this == CITY_PLATFORM || this == FAMILY_DOCTOR;
  }

  public static StaffRole fromCode(String code) {
    for (StaffRole r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role: " + code);
  }
}

package org.caregrid.dashboard.auth;

/**
 * What a staff user may do. Station staff and leads belong to one station and see only alerts
 * routed or escalated to it; district and programme staff see the whole district.
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
  PROGRAMME_ADMIN("programme_admin");

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

  public static StaffRole fromCode(String code) {
    for (StaffRole r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role: " + code);
  }
}

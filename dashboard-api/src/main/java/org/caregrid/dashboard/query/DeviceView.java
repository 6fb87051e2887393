package org.caregrid.dashboard.query;

import java.time.Instant;

/**
 * A device as the API shows it: enrolment and its latest status.
 *
 * @param residentId the resident it serves, or 0 when it serves the whole home
 * @param lastSeen null when it never reported
 * @param battery percent; null when it never said
 * @param residentName null when it serves the whole home
 * @param stationName the home's community station; null when it has none
 */
public record DeviceView(
    int id,
    String uid,
    String kind,
    int homeId,
    int residentId,
    int expectedIntervalS,
    boolean active,
    boolean online,
    Instant lastSeen,
    Double battery,
    Instant enrolledAt,
    String residentName,
    String address,
    String stationName) {}

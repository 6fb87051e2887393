package org.caregrid.dashboard.care;

/**
 * What staff hand to 120 or a hospital for one alert: who, where, whom to call, the medical summary
 * and whether the door code may be asked for.
 *
 * @param birthYear null when not known
 * @param mayShowDoorCode whether the viewer is responding to the alert, so may ask for the code
 */
public record HandoverCard(
    long alertId,
    int residentId,
    String name,
    Integer birthYear,
    String address,
    String community,
    Contacts contacts,
    MedicalSummary medical,
    boolean mayShowDoorCode) {}

package org.caregrid.dashboard.shift;

/**
 * A staff member as rosters and handover notes name them.
 *
 * @param role the {@code staff_user.role} code, e.g. {@code station_lead}
 */
public record Member(int id, String login, String displayName, String role) {}

package org.caregrid.dashboard.tier;

/**
 * A station as a unit of the tier views: a community, a street (or town), or the district.
 *
 * @param parentId the unit above; null for the district
 * @param bedsTarget the station's own yearly bed target; null to take a share of the one above
 */
public record TierUnit(
    int id, String code, String name, String tier, Integer parentId, Integer bedsTarget) {}

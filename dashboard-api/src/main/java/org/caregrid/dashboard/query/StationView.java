package org.caregrid.dashboard.query;

/**
 * A station as the API shows it.
 *
 * @param parentId the next tier up, which escalations reach; null at the top
 * @param openAlerts the open alerts it is handling, its load for routing
 */
public record StationView(
    int id,
    String code,
    String name,
    String tier,
    Integer parentId,
    double lat,
    double lon,
    boolean onDuty,
    int capacity,
    int openAlerts) {}

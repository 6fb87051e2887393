package org.caregrid.dashboard.visit;

import java.time.LocalDate;

/**
 * A resident's needs assessment and what it made of their visit plan.
 *
 * @param stationId the station the plan is assigned to; null without a plan
 * @param nextDue the plan's next due day; null without a plan (category other, or a home without a
 *     community station)
 */
public record Assessment(
    int residentId, Category category, RiskLevel riskLevel, Integer stationId, LocalDate nextDue) {}

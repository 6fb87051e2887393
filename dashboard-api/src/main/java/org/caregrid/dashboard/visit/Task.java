package org.caregrid.dashboard.visit;

import java.time.LocalDate;

/**
 * A visit due or overdue, as the station's console lists it.
 *
 * @param broughtForward the plan's day was later, and the resident's silence brought it to today
 * @param lastVisit null when the resident has had none
 */
public record Task(
    int residentId,
    String name,
    String address,
    int stationId,
    Category category,
    RiskLevel riskLevel,
    LocalDate dueOn,
    TaskStatus status,
    boolean broughtForward,
    LocalDate lastVisit) {}

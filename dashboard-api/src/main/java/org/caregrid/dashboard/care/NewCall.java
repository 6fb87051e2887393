package org.caregrid.dashboard.care;

/**
 * A call attempt as staff log it.
 *
 * @param note null when none was written
 */
public record NewCall(Callee callee, String phone, CallOutcome outcome, String note) {}

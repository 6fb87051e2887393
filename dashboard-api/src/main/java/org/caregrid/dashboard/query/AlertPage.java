package org.caregrid.dashboard.query;

import java.util.List;

/**
 * One page of an alert list.
 *
 * @param nextCursor where the next page starts, or null on the last page
 */
public record AlertPage(List<AlertView> items, String nextCursor) {}

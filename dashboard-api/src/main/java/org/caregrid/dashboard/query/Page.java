package org.caregrid.dashboard.query;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param total how many there are in all, over every page
 */
public record Page<T>(List<T> items, long total) {
  public Page {
    items = List.copyOf(items);
  }
}

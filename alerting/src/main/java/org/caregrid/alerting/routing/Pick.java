package org.caregrid.alerting.routing;

import java.util.List;

/**
 * The stations {@link Router} picks for one step of an alert's routing.
 *
 * @param stations the stations told at this step (never empty)
 * @param last whether this step reached the top tier, so no further escalation follows
 */
public record Pick(List<Station> stations, boolean last) {
  public Pick {
    stations = List.copyOf(stations);
    if (stations.isEmpty()) {
      throw new IllegalArgumentException("a routing step names at least one station");
    }
  }

  /** The highest tier this step reaches. */
  public Tier tier() {
    Tier top = Tier.COMMUNITY;
    for (Station s : stations) {
      if (s.tier().compareTo(top) > 0) {
        top = s.tier();
      }
    }
    return top;
  }
}

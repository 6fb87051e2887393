package org.caregrid.alerting.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the stations an alert goes to (DESIGN §6): first the nearest community station on duty
 * with spare capacity, ties to the one with fewer open alerts; then, each time nobody accepted in
 * time, the parent tier of the highest station told so far plus the next nearest community station,
 * until the district tier is reached. Pure: the caller passes the stations as they are now.
 */
public final class Router {
  private final Tier top;

  /**
   * @param top the tier where escalation stops (the district centre)
   */
  public Router(Tier top) {
    this.top = top;
  }

  /** The first step for a home at (lat, lon); empty when there is no station at all. */
  public Optional<Pick> first(double lat, double lon, Collection<Station> stations) {
    Optional<Station> nearest = nearestCommunity(lat, lon, stations, Set.of());
    if (nearest.isPresent()) {
      return Optional.of(new Pick(List.of(nearest.get()), false));
    }
    // No community station can take it: start one tier up from the nearest one.
    Map<Integer, Station> byKey = byKey(stations);
    Optional<Station> closest =
        stations.stream()
            .filter(s -> s.tier() == Tier.COMMUNITY)
            .min(Comparator.comparingDouble(s -> s.metresTo(lat, lon)));
    Optional<Station> up = closest.flatMap(s -> onDutyAncestor(s, byKey));
    if (up.isEmpty()) {
      up = stations.stream().filter(s -> s.tier() == top).findFirst();
    }
    return up.map(s -> new Pick(List.of(s), s.tier().compareTo(top) >= 0));
  }

  /**
   * The step after the stations already told; empty when the previous step was the last.
   *
   * @param told every station the alert was sent to so far, by key
   */
  public Optional<Pick> next(
      double lat, double lon, Collection<Station> stations, Set<Integer> told) {
    Map<Integer, Station> byKey = byKey(stations);
    Station highest = null;
    for (int key : told) {
      Station s = byKey.get(key);
      if (s != null && (highest == null || s.tier().compareTo(highest.tier()) > 0)) {
        highest = s;
      }
    }
    if (highest == null || highest.tier().compareTo(top) >= 0) {
      return Optional.empty();
    }
    List<Station> step = new ArrayList<>();
    Optional<Station> parent = onDutyAncestor(highest, byKey);
    parent.filter(p -> !told.contains(p.key())).ifPresent(step::add);
    nearestCommunity(lat, lon, stations, told).ifPresent(step::add);
    if (step.isEmpty()) {
      return Optional.empty();
    }
    boolean last = parent.map(p -> p.tier().compareTo(top) >= 0).orElse(true);
    return Optional.of(new Pick(step, last));
  }

  /**
   * Whom to ask again once no step is left: every station told so far and the top tier's (the
   * district centre), highest tier first; empty only when there is no station at all.
   */
  public Optional<Pick> again(Collection<Station> stations, Set<Integer> told) {
    List<Station> again =
        stations.stream()
            .filter(s -> told.contains(s.key()) || s.tier() == top)
            .sorted(Comparator.comparing(Station::tier).reversed().thenComparingInt(Station::key))
            .toList();
    return again.isEmpty() ? Optional.empty() : Optional.of(new Pick(again, true));
  }

  private static Optional<Station> nearestCommunity(
      double lat, double lon, Collection<Station> stations, Set<Integer> excluded) {
    Comparator<Station> order =
        Comparator.<Station>comparingDouble(s -> s.metresTo(lat, lon))
            .thenComparingInt(Station::openAlerts)
            .thenComparingInt(Station::key);
    return stations.stream()
        .filter(s -> s.tier() == Tier.COMMUNITY && s.canTakeMore())
        .filter(s -> !excluded.contains(s.key()))
        .min(order);
  }

  /** The parent, or the first on-duty station above it when the parent is off duty. */
  private static Optional<Station> onDutyAncestor(Station from, Map<Integer, Station> byKey) {
    Station s = byKey.get(from.parentKey());
    while (s != null && !s.onDuty()) {
      s = byKey.get(s.parentKey());
    }
    return Optional.ofNullable(s);
  }

  private static Map<Integer, Station> byKey(Collection<Station> stations) {
    Map<Integer, Station> byKey = new HashMap<>();
    for (Station s : stations) {
      byKey.put(s.key(), s);
    }
    return byKey;
  }
}

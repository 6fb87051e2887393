package org.caregrid.dashboard.tier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The district's stations as the tree the tier views roll up: the district centre, its streets and
 * town, their communities. The root is the district centre, the first station without a parent (one
 * platform serves one district, DESIGN §8).
 */
public final class TierTree {
  private final Map<Integer, TierUnit> units = new LinkedHashMap<>();
  private final Map<Integer, List<TierUnit>> children = new LinkedHashMap<>();
  private final TierUnit root;

  public TierTree(List<TierUnit> stations) {
    TierUnit top = null;
    for (TierUnit u : stations) {
      units.put(u.id(), u);
      boolean better =
          top == null || ("district".equals(u.tier()) && !"district".equals(top.tier()));
      if (u.parentId() == null && better) {
        top = u;
      }
    }
    for (TierUnit u : stations) {
      if (u.parentId() != null) {
        children.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u);
      }
    }
    this.root = top;
  }

  /** The district centre; empty when there are no stations. */
  public Optional<TierUnit> root() {
    return Optional.ofNullable(root);
  }

  public Optional<TierUnit> unit(int id) {
    return Optional.ofNullable(units.get(id));
  }

  public Optional<TierUnit> byCode(String code) {
    return units.values().stream().filter(u -> u.code().equals(code)).findFirst();
  }

  public List<TierUnit> children(int id) {
    return Collections.unmodifiableList(children.getOrDefault(id, List.of()));
  }

  /** Every unit. */
  public Set<Integer> all() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(units.keySet()));
  }

  /** The unit and every unit below it. */
  public Set<Integer> subtree(int id) {
    Set<Integer> all = new LinkedHashSet<>();
    collect(id, all);
    return all;
  }

  private void collect(int id, Set<Integer> into) {
    if (into.add(id)) {
      for (TierUnit c : children.getOrDefault(id, List.of())) {
        collect(c.id(), into);
      }
    }
  }

  /** The units from the root down to {@code id}, both included. */
  public List<TierUnit> path(int id) {
    List<TierUnit> path = new ArrayList<>();
    TierUnit u = units.get(id);
    while (u != null && !path.contains(u)) {
      path.add(0, u);
      u = u.parentId() == null ? null : units.get(u.parentId());
    }
    return path;
  }

  /** Community stations in the unit's subtree. */
  public int communitiesUnder(int id) {
    int n = 0;
    for (int u : subtree(id)) {
      if ("community".equals(units.get(u).tier())) {
        n++;
      }
    }
    return n;
  }

  /**
   * The unit's yearly bed target: its own, or its share of the target above it by its number of
   * communities; the district's default is {@code districtDefault}.
   *
   * @return the target, and whether it is the unit's own (true) or a share (false)
   */
  public Target yearlyBedTarget(int id, int districtDefault) {
    TierUnit u = units.get(id);
    if (u.bedsTarget() != null) {
      return new Target(u.bedsTarget(), true);
    }
    if (u.parentId() == null || !units.containsKey(u.parentId())) {
      return new Target(districtDefault, u.id() == (root == null ? -1 : root.id()));
    }
    Target above = yearlyBedTarget(u.parentId(), districtDefault);
    int all = communitiesUnder(u.parentId());
    double share = all == 0 ? 0 : above.beds() * communitiesUnder(id) / (double) all;
    return new Target(share, false);
  }

  /** A yearly bed target and whether it was set for the unit itself. */
  public record Target(double beds, boolean own) {}
}

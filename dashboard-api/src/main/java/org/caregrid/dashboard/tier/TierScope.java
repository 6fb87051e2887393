package org.caregrid.dashboard.tier;

import java.util.Set;
import org.caregrid.dashboard.auth.Principal;

/**
 * The units a user may see in the tier views: the subtree of their station (community staff their
 * community, a street centre its communities, the district centre everything), or the whole
 * district for users without a station.
 *
 * @param top the highest unit they see
 * @param units every unit they see
 */
public record TierScope(TierUnit top, Set<Integer> units) {

  /**
   * The scope of {@code who}; null when they see no unit at all (there are no stations). Users
   * without a station see every station, also any outside the district centre's tree.
   */
  public static TierScope of(Principal who, TierTree tree) {
    if (who.stationId() == null) {
      return tree.root().map(root -> new TierScope(root, tree.all())).orElse(null);
    }
    return tree.unit(who.stationId())
        .map(top -> new TierScope(top, tree.subtree(top.id())))
        .orElse(null);
  }

  public boolean sees(int unitId) {
    return units.contains(unitId);
  }
}

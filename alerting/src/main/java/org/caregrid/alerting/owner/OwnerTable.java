package org.caregrid.alerting.owner;

import java.util.Collection;
import java.util.List;
import org.caregrid.core.node.Rendezvous;

/**
 * Which node owns each resident's rule state, computed the same way on every node from the same
 * member list. Residents fall into {@link #SLOTS} slots; each slot goes to the member with the
 * highest hash of (member, slot) (rendezvous hashing), so when a member leaves only its slots move,
 * spread over the survivors, and a joining member takes slots from each of the others.
 */
public final class OwnerTable {
  static final int SLOTS = 256;

  private final String[] owners = new String[SLOTS];

  private OwnerTable(Collection<String> members) {
    List<String> ids = List.copyOf(members);
    for (int slot = 0; slot < SLOTS; slot++) {
      owners[slot] = Rendezvous.pick(ids, slot);
    }
  }

  public static OwnerTable of(Collection<String> members) {
    return new OwnerTable(members);
  }

  /** The member that owns the resident. */
  public String ownerOf(int residentKey) {
    return owners[Math.floorMod(residentKey, SLOTS)];
  }
}

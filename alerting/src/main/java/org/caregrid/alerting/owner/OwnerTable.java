package org.caregrid.alerting.owner;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

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
    List<String> ids = members.stream().sorted().toList();
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("a cluster has at least this node as a member");
    }
    for (int slot = 0; slot < SLOTS; slot++) {
      String best = null;
      long bestScore = 0;
      for (String id : ids) {
        long score = mix(fnv(id) ^ (slot * 0x9E3779B97F4A7C15L));
        // Sorted ids and a strict comparison break the (unlikely) tie the same way everywhere.
        if (best == null || Long.compareUnsigned(score, bestScore) > 0) {
          best = id;
          bestScore = score;
        }
      }
      owners[slot] = best;
    }
  }

  public static OwnerTable of(Collection<String> members) {
    return new OwnerTable(members);
  }

  /** The member that owns the resident. */
  public String ownerOf(int residentKey) {
    return owners[Math.floorMod(residentKey, SLOTS)];
  }

  // FNV-1a and a SplitMix64 finaliser: stable across JVMs, unlike identity hashes.
  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}

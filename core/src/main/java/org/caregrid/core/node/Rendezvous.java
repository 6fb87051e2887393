package org.caregrid.core.node;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Rendezvous hashing over node names: for a key, the candidate with the highest hash of (candidate,
 * key) wins. Every node computes the same winner from the same candidates, and when a candidate
 * goes only the keys it won move, spread over the others.
 */
public final class Rendezvous {
  private Rendezvous() {}

  /**
   * The candidate that wins {@code key}.
   *
   * @throws IllegalArgumentException when there is no candidate
   */
  public static String pick(Collection<String> candidates, long key) {
    String best = null;
    long bestScore = 0;
    for (String name : candidates.stream().sorted().toList()) {
      long score = mix(hash(name) ^ (key * 0x9E3779B97F4A7C15L));
      // Sorted names and a strict comparison break the (unlikely) tie the same way everywhere.
      if (best == null || Long.compareUnsigned(score, bestScore) > 0) {
        best = name;
        bestScore = score;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("a cluster has at least this node as a member");
    }
    return best;
  }

  /** FNV-1a of the text's UTF-8: stable across JVMs, unlike {@link String#hashCode}'s spread. */
  public static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  // SplitMix64's finaliser.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}

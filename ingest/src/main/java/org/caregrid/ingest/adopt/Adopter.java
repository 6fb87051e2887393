package org.caregrid.ingest.adopt;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Which live node adopts a departed node's broker sessions: the one with the highest hash of (live
 * name, departed name) (rendezvous hashing). Every node computes the same from the same member
 * list, so one adopts; and several dead nodes are spread over the survivors.
 */
final class Adopter {
  private Adopter() {}

  static String of(Collection<String> live, String departed) {
    String best = null;
    long bestScore = 0;
    long d = fnv(departed);
    for (String name : live.stream().sorted().toList()) {
      long score = mix(fnv(name) ^ (d * 0x9E3779B97F4A7C15L));
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

  // FNV-1a and a SplitMix64 finaliser: stable across JVMs, unlike String.hashCode's spread.
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

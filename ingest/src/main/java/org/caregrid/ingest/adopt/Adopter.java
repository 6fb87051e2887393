package org.caregrid.ingest.adopt;

import java.util.Collection;
import org.caregrid.core.node.Rendezvous;

/**
 * Which live node adopts a departed node's broker sessions: the rendezvous winner of the departed
 * name among the live names. Every node computes the same from the same member list, so one adopts;
 * and several dead nodes are spread over the survivors.
 */
final class Adopter {
  private Adopter() {}

  static String of(Collection<String> live, String departed) {
    return Rendezvous.pick(live, Rendezvous.hash(departed));
  }
}

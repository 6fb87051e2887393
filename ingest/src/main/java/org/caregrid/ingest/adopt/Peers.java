package org.caregrid.ingest.adopt;

import java.util.Set;

/** The nodes of a cluster by their {@code node.name}, as its membership service sees them. */
public interface Peers {
  /** The {@code node.name} of every live member, this node's included. */
  Set<String> names();

  /** Calls {@code listener}, on any thread, after a member joined or left. */
  void onChange(Runnable listener);
}

package org.caregrid.alerting.owner;

import java.util.List;

/** The nodes of a cluster as its membership service sees them. */
public interface Members {
  /** This node's id. */
  String self();

  /** Every live member's id, this node's included. */
  List<String> current();

  /** Calls {@code listener}, on any thread, after a member joined or left. */
  void onChange(Runnable listener);
}

package org.caregrid.server;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a node can run; one JVM may run any combination. */
public enum Role {
  INGEST,
  ALERTING,
  DASHBOARD;

  /** Parses {@code ingest,alerting,dashboard} (any order, any case). */
  public static Set<Role> parse(String list) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String part : list.split(",", -1)) {
      String name = part.trim().toUpperCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      try {
        roles.add(valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown role '" + part.trim() + "' (choose from ingest, alerting, dashboard)", e);
      }
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException(
          "no roles given (choose from ingest, alerting, dashboard)");
    }
    return roles;
  }
}

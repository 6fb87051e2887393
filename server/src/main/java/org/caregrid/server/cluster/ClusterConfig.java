package org.caregrid.server.cluster;

import java.util.List;
import org.caregrid.core.config.ConfigException;

/**
 * The {@code cluster:} section. Off by default: one node runs alone, as before.
 *
 * @param enabled whether this node joins the other nodes (Hazelcast membership, clustered event
 *     bus)
 * @param host the address this node listens on and tells the others, for membership and the bus
 * @param port Hazelcast's membership port on {@code host}
 * @param members every node's {@code host:port} (this one's may be included); no multicast
 */
public record ClusterConfig(boolean enabled, String host, int port, List<String> members) {
  public ClusterConfig {
    members = members == null ? List.of() : List.copyOf(members);
    if (port < 1 || port > 65_535) {
      throw new ConfigException("cluster.port must be 1-65535, got: " + port);
    }
    if (enabled && members.isEmpty()) {
      throw new ConfigException(
          "cluster.members must list the nodes' host:port when cluster.enabled is true");
    }
    if (host == null || host.isBlank()) {
      throw new ConfigException("cluster.host must be this node's address");
    }
  }

  public static ClusterConfig defaults() {
    return new ClusterConfig(false, "127.0.0.1", 5701, List.of());
  }
}

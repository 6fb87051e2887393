package org.caregrid.server;

import java.util.List;
import org.caregrid.core.config.ConfigException;

/**
 * The {@code node:} section.
 *
 * @param name tells this node's meters and MQTT client ids apart from other nodes'
 * @param roles the roles to run when none are given on the command line
 */
public record NodeConfig(String name, List<String> roles) {
  public NodeConfig {
    if (name == null || !name.matches("[A-Za-z0-9-]{1,32}")) {
      throw new ConfigException("node.name must be 1-32 letters, digits or '-', got: " + name);
    }
  }

  public static NodeConfig defaults() {
    return new NodeConfig("node1", List.of("ingest", "alerting", "dashboard"));
  }
}

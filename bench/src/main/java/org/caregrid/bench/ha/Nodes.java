package org.caregrid.bench.ha;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.caregrid.testing.FreePorts;
import org.caregrid.testing.NodeProcess;

/**
 * The CareGrid nodes under test, each its own JVM from the server's packaged jar with every role
 * that takes readings and presses (ingest, alerting): either one node without clustering, the
 * baseline, or two clustered nodes on loopback. A killed node is started again with the same
 * settings, as its supervisor would.
 */
final class Nodes implements AutoCloseable {
  private static final String ROLES = "ingest,alerting";

  private final Path jar;
  private final Path logs;
  private final Map<String, String> common;
  private final List<String> jvmArgs;
  private final List<Integer> clusterPorts = List.of(FreePorts.tcp(), FreePorts.tcp());
  private final NodeProcess[] nodes = new NodeProcess[2];
  private final int[] starts = new int[2];

  Nodes(Path jar, Path logs, String databaseUrl, String brokerUrl, String heap) {
    this.jar = jar;
    this.logs = logs;
    this.jvmArgs = List.of("-Xmx" + heap, "-Xms" + heap);
    this.common =
        Map.of(
            "CAREGRID_DATABASE_URL",
            databaseUrl,
            "CAREGRID_MQTT_URL",
            brokerUrl,
            "CAREGRID_INGEST_MQTT_SHARE_GROUP",
            "ha",
            "CAREGRID_INGEST_COAP_ENABLED",
            "false");
  }

  /**
   * One node without clustering: what a deployment without it runs. It is named as the pair's first
   * node, which takes over its broker sessions: Mosquitto goes on sharing messages out to a stopped
   * node's persistent sessions, and only a node of the same name takes them.
   */
  NodeProcess startSingle() throws IOException {
    Map<String, String> env = new HashMap<>(common);
    env.put("CAREGRID_NODE_NAME", "n1");
    NodeProcess node = NodeProcess.start(jar, ROLES, env, logs.resolve("single.log"), jvmArgs);
    node.awaitLine("' running: ");
    nodes[0] = node;
    return node;
  }

  /** Both clustered nodes, once each runs and counts two members. */
  void startPair() throws IOException {
    start(0);
    start(1);
    for (int i = 0; i < 2; i++) {
      nodes[i].awaitLine("' running: ", 1);
    }
    awaitRebuild(0, 2, 1);
    awaitRebuild(1, 2, 1);
  }

  /** Starts clustered node {@code i} (again, after a kill); returns without waiting. */
  void start(int i) throws IOException {
    Map<String, String> env = new HashMap<>(common);
    env.putAll(NodeProcess.clusterEnv(clusterPorts.get(i), clusterPorts));
    env.put("CAREGRID_NODE_NAME", "n" + (i + 1));
    starts[i]++;
    nodes[i] =
        NodeProcess.start(
            jar, ROLES, env, logs.resolve("n" + (i + 1) + "-" + starts[i] + ".log"), jvmArgs);
  }

  NodeProcess node(int i) {
    return nodes[i];
  }

  /** Lines so far in node {@code i}'s log saying its shards were rebuilt for {@code members}. */
  long rebuilds(int i, int members) {
    return nodes[i].lines(among(members));
  }

  /** Waits for node {@code i}'s {@code nth} rebuild of its shards for {@code members} members. */
  void awaitRebuild(int i, int members, long nth) {
    nodes[i].awaitLine(among(members), (int) nth);
  }

  private static String among(int members) {
    return "among " + members + " node(s)";
  }

  /** Stops (SIGTERM) every node still running. */
  void stopAll() throws InterruptedException {
    for (NodeProcess n : nodes) {
      if (n != null && n.isAlive()) {
        n.stop();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (NodeProcess n : nodes) {
      if (n != null) {
        n.close();
      }
    }
  }
}

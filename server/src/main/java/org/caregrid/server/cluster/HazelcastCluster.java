package org.caregrid.server.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caregrid.alerting.owner.Members;
import org.caregrid.ingest.adopt.Peers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's Hazelcast member: membership for alerting's resident owners and the cluster manager
 * of the clustered event bus. Members find each other through the configured list (no multicast).
 */
public final class HazelcastCluster implements Members, Peers, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HazelcastCluster.class);
  // Set at join, so the others know a departed member's node.name, hence its broker client ids.
  private static final String NODE_NAME = "caregrid.node.name";
  private final HazelcastInstance hazelcast;
  private final ClusterManager clusterManager;
  private final String self; // asked for every routed message

  private HazelcastCluster(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.clusterManager = new HazelcastClusterManager(hazelcast);
    this.self = hazelcast.getCluster().getLocalMember().getUuid().toString();
  }

  /** Joins the cluster (blocking: returns once this member runs, alone or with others). */
  public static HazelcastCluster join(ClusterConfig cluster, String nodeName) {
    // Vert.x's default file declares the maps and multimaps its cluster manager needs.
    Config config = ConfigUtil.loadConfig();
    config.setClusterName("caregrid");
    config.setInstanceName("caregrid-" + nodeName);
    // Vert.x finds its own id for each member here when it is given a running instance.
    config.getMemberAttributeConfig().setAttribute("__vertx.nodeId", UUID.randomUUID().toString());
    config.getMemberAttributeConfig().setAttribute(NODE_NAME, nodeName);
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // The launcher leaves the cluster when it stops; a hook of Hazelcast's own would race it.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // A node killed outright is declared dead after 5 s without heartbeats (default 60 s); its
    // closed connections usually tell the others sooner.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false).setPublicAddress(cluster.host());
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(cluster.host()));
    network.getJoin().getMulticastConfig().setEnabled(false);
    network.getJoin().getAutoDetectionConfig().setEnabled(false);
    network
        .getJoin()
        .getTcpIpConfig()
        .setEnabled(true)
        .setConnectionTimeoutSeconds(2)
        .setMembers(cluster.members());
    HazelcastCluster joined = new HazelcastCluster(Hazelcast.newHazelcastInstance(config));
    LOG.info(
        "Joined the cluster as member {} ({} member(s))", joined.self(), joined.current().size());
    return joined;
  }

  /** The Vert.x cluster manager on this member. */
  public ClusterManager clusterManager() {
    return clusterManager;
  }

  @Override
  public String self() {
    return self;
  }

  @Override
  public List<String> current() {
    return hazelcast.getCluster().getMembers().stream()
        .map(Member::getUuid)
        .map(Object::toString)
        .toList();
  }

  @Override
  public Set<String> names() {
    return hazelcast.getCluster().getMembers().stream()
        .map(m -> m.getAttribute(NODE_NAME))
        .filter(Objects::nonNull)
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void onChange(Runnable listener) {
    hazelcast
        .getCluster()
        .addMembershipListener(
            new MembershipListener() {
              @Override
              public void memberAdded(MembershipEvent e) {
                listener.run();
              }

              @Override
              public void memberRemoved(MembershipEvent e) {
                listener.run();
              }
            });
  }

  /** Leaves the cluster. */
  @Override
  public void close() {
    hazelcast.getLifecycleService().shutdown();
  }
}

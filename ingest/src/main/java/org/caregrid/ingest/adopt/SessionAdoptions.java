package org.caregrid.ingest.adopt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.caregrid.ingest.metrics.IngestMetrics;
import org.caregrid.ingest.metrics.IngestMetrics.Adoption;
import org.caregrid.ingest.mqtt.AdoptedSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adopts the broker sessions of nodes that left the cluster, so that what the broker queued for
 * them is stored now and their sessions stop taking turns in the share group. A node that leaves
 * stays "departed" here until it comes back; while departed, the live node {@link Adopter} picks
 * adopts each of its sessions ({@link AdoptedSession}), tried again after a failure (backing off),
 * and again after a later change of members (the adopter may have died too: a session already ended
 * is found absent and ended at once). State is confined to one context.
 */
public final class SessionAdoptions {
  private static final Logger LOG = LoggerFactory.getLogger(SessionAdoptions.class);
  private static final Duration RETRY = Duration.ofSeconds(2);
  private static final Duration MAX_RETRY = Duration.ofMinutes(1);

  private final Vertx vertx;
  private final Peers peers;
  private final String self;
  private final Function<String, List<String>> clientIdsOf;
  private final Function<String, AdoptedSession> sessionFor;
  private final IngestMetrics metrics;
  private final Set<String> departed = new HashSet<>();
  private final Set<String> adopting = new HashSet<>();
  private final Set<String> deployments = new HashSet<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final Map<String, Long> notBefore = new HashMap<>();
  private Set<String> known = Set.of();
  private Context context;
  private boolean stopped;

  /**
   * @param self this node's {@code node.name}
   * @param clientIdsOf a node's ingest client ids, from its name
   * @param sessionFor the adoption of one client id's session
   */
  public SessionAdoptions(
      Vertx vertx,
      Peers peers,
      String self,
      Function<String, List<String>> clientIdsOf,
      Function<String, AdoptedSession> sessionFor,
      IngestMetrics metrics) {
    this.vertx = vertx;
    this.peers = peers;
    this.self = self;
    this.clientIdsOf = clientIdsOf;
    this.sessionFor = sessionFor;
    this.metrics = metrics;
  }

  public void start() {
    context = vertx.getOrCreateContext();
    context.runOnContext(
        v -> {
          known = peers.names();
          peers.onChange(() -> context.runOnContext(x -> changed()));
        });
  }

  /**
   * Adopts nothing more, and breaks off adoptions under way: the broker keeps those sessions for
   * another node to adopt.
   */
  public Future<Void> stop() {
    return Future.future(
        p ->
            context.runOnContext(
                v -> {
                  stopped = true;
                  Future.join(
                          Set.copyOf(deployments).stream()
                              .map(id -> vertx.undeploy(id).otherwiseEmpty())
                              .toList())
                      .<Void>mapEmpty()
                      .onComplete(p);
                }));
  }

  private void changed() {
    Set<String> live = peers.names();
    for (String name : known) {
      if (!live.contains(name)) {
        departed.add(name);
      }
    }
    departed.removeAll(live);
    failures.keySet().retainAll(departed);
    notBefore.keySet().retainAll(departed);
    known = live;
    consider();
  }

  private void consider() {
    if (stopped) {
      return;
    }
    Set<String> live = peers.names();
    for (String name : Set.copyOf(departed)) {
      Long after = notBefore.get(name);
      boolean due = after == null || System.nanoTime() - after >= 0;
      if (due
          && !adopting.contains(name)
          && !live.contains(name)
          && Adopter.of(live, name).equals(self)) {
        adopt(name);
      }
    }
  }

  private void adopt(String node) {
    adopting.add(node);
    long began = System.nanoTime();
    List<String> clientIds = clientIdsOf.apply(node);
    List<AdoptedSession> sessions = clientIds.stream().map(sessionFor).toList();
    List<Future<String>> deployed =
        sessions.stream().map(s -> vertx.deployVerticle(s).onSuccess(deployments::add)).toList();
    Future<List<AdoptedSession.Outcome>> outcomes =
        Future.join(deployed)
            .compose(v -> Future.join(sessions.stream().map(AdoptedSession::ended).toList()))
            .map(all -> sessions.stream().map(s -> s.ended().result()).toList());
    outcomes
        .onComplete(
            ar -> {
              long ms = (System.nanoTime() - began) / 1_000_000;
              if (ar.succeeded()) {
                failures.remove(node);
                adopted(node, clientIds.size(), ar.result(), ms);
              } else if (peers.names().contains(node)) {
                // Mosquitto 2.0 closes a taken-over connection without DISCONNECT 0x8E: that the
                // node is a member again says why the connection went.
                failures.remove(node);
                metrics.adoption(Adoption.TAKEN_BACK);
                LOG.info("Node {} came back during the adoption of its broker sessions", node);
              } else {
                metrics.adoption(Adoption.FAILED);
                retryLater(node, ms, ar.cause());
              }
            })
        .eventually(() -> undeploy(deployed))
        .onComplete(ar -> adopting.remove(node));
  }

  /**
   * Tries again after 2 s, doubling up to a minute with each failure in a row: a node cut off from
   * the other members but not from the broker takes its sessions back each time (its automatic
   * reconnect), and the back-off keeps that from turning into a tug of war.
   */
  private void retryLater(String node, long millis, Throwable cause) {
    int inARow = failures.merge(node, 1, Integer::sum);
    long wait = Math.min(RETRY.toMillis() << Math.min(inARow - 1, 5), MAX_RETRY.toMillis());
    notBefore.put(node, System.nanoTime() + wait * 1_000_000);
    LOG.error(
        "Adopting the broker sessions of node {} failed after {} ms, trying again in {} ms: {}",
        node,
        millis,
        wait,
        cause.getMessage());
    vertx.setTimer(wait, t -> consider());
  }

  private void adopted(
      String node, int sessions, List<AdoptedSession.Outcome> outcomes, long millis) {
    int messages = outcomes.stream().mapToInt(AdoptedSession.Outcome::messages).sum();
    metrics.adopted(messages);
    departed.remove(node);
    if (outcomes.stream().anyMatch(AdoptedSession.Outcome::takenBack)) {
      metrics.adoption(Adoption.TAKEN_BACK);
      LOG.info(
          "Node {} took its broker sessions back during their adoption; {} message(s) stored"
              + " here first",
          node,
          messages);
    } else {
      metrics.adoption(Adoption.DONE);
      LOG.info(
          "Adopted the broker sessions of node {}: {} session(s), {} message(s) stored, sessions"
              + " ended, in {} ms",
          node,
          sessions,
          messages,
          millis);
    }
  }

  private Future<Void> undeploy(List<Future<String>> deployed) {
    // Join waited for every deployment, so each has its outcome here.
    return Future.join(
            deployed.stream()
                .filter(Future::succeeded)
                .filter(f -> deployments.remove(f.result()))
                .map(f -> vertx.undeploy(f.result()).otherwiseEmpty())
                .toList())
        .mapEmpty();
  }
}

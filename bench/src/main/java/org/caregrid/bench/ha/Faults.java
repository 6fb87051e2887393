package org.caregrid.bench.ha;

import static org.awaitility.Awaitility.await;
import static org.caregrid.bench.rig.Results.say;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.caregrid.testing.PatroniPair;
import org.caregrid.testing.TestMosquitto;

/**
 * The three kinds of failure, one at a time, each with its timings: a node killed with SIGKILL (and
 * started again after {@code downSeconds}, so the next kill finds two nodes), the database
 * primary's machine killed (Patroni and the postmaster with SIGKILL; the old primary then rejoins
 * as the synchronous standby), and the broker restarted as a service restart does. Each fault owns
 * the presses made from its start to the start of the next fault.
 */
final class Faults {
  enum Kind {
    NODE,
    PRIMARY,
    BROKER
  }

  /** One fault: when it began (monotonic nanos), and its own recovery time in ms. */
  record Fault(Kind kind, long startNanos, double recoveryMs) {}

  private final Nodes nodes;
  private final PatroniPair pg;
  private final TestMosquitto broker;
  private final Path logs;
  private final List<Fault> done = new ArrayList<>();
  private int nextNode;

  Faults(Nodes nodes, PatroniPair pg, TestMosquitto broker, Path logs) {
    this.nodes = nodes;
    this.pg = pg;
    this.broker = broker;
    this.logs = logs;
  }

  /**
   * Kills one node (each in turn), times the survivor's takeover (kill to its shards rebuilt for
   * one member), and starts the dead one again after {@code downSeconds}.
   */
  void killNode(int downSeconds) throws IOException, InterruptedException {
    int dead = nextNode;
    int survivor = 1 - dead;
    nextNode = survivor;
    long aloneBefore = nodes.rebuilds(survivor, 1);
    long pairBefore = nodes.rebuilds(survivor, 2);
    long start = System.nanoTime();
    nodes.node(dead).kill();
    nodes.awaitRebuild(survivor, 1, aloneBefore + 1);
    double takeover = millisSince(start);
    done.add(new Fault(Kind.NODE, start, takeover));
    say("node n%d killed: n%d took over in %.0f ms", dead + 1, survivor + 1, takeover);
    // The outage itself, as long as a supervisor takes to start the node again: not a wait for
    // a condition.
    TimeUnit.SECONDS.sleep(downSeconds);
    nodes.start(dead);
    nodes.awaitRebuild(dead, 2, 1);
    nodes.awaitRebuild(survivor, 2, pairBefore + 1);
    say("node n%d back, %.1f s after its kill", dead + 1, millisSince(start) / 1000);
  }

  /** Kills the primary's machine, times the standby's promotion, and has the old one rejoin. */
  void killPrimary() throws IOException, InterruptedException {
    int primary = pg.primary();
    if (primary < 0) {
      throw new IllegalStateException("no primary to kill");
    }
    long start = System.nanoTime();
    pg.killMember(primary);
    await("Patroni promotes the standby")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> pg.primary() == 1 - primary);
    double promotion = millisSince(start);
    done.add(new Fault(Kind.PRIMARY, start, promotion));
    say("primary killed: standby promoted in %.0f ms", promotion);
    pg.rejoin(primary, logs.resolve("patroni-rejoin.log"));
    say(
        "old primary back as the synchronous standby, %.1f s after its kill",
        millisSince(start) / 1000);
  }

  /** Restarts the broker (SIGTERM, start again on the same port); times it. */
  void restartBroker() throws IOException, InterruptedException {
    long start = System.nanoTime();
    broker.restart();
    double down = millisSince(start);
    done.add(new Fault(Kind.BROKER, start, down));
    say("broker restarted: accepting again after %.0f ms", down);
  }

  List<Fault> done() {
    return List.copyOf(done);
  }

  private static double millisSince(long start) {
    return (System.nanoTime() - start) / 1e6;
  }
}

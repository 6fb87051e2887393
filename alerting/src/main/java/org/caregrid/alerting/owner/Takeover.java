package org.caregrid.alerting.owner;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's rule shards in step with the cluster. After each change of members it holds the
 * routed input, replaces the shards with fresh ones for the residents this node now owns (they
 * replay those residents' stored events, decision 0004, so a dead node's residents resume here and
 * nothing is raised twice), then lets the held input through. Changes are handled one at a time on
 * one context; a change during a rebuild causes one more rebuild after it.
 */
public final class Takeover {
  private static final Logger LOG = LoggerFactory.getLogger(Takeover.class);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final Members members;
  private final OwnerRouter router;
  private final Supplier<Future<List<String>>> deployShards;
  private final List<String> shards = new ArrayList<>();
  private Context context;
  private boolean rebuilding;
  private boolean again;
  private boolean stopped;

  public Takeover(
      Vertx vertx,
      Members members,
      OwnerRouter router,
      Supplier<Future<List<String>>> deployShards) {
    this.vertx = vertx;
    this.members = members;
    this.router = router;
    this.deployShards = deployShards;
  }

  /** Deploys the first shards and starts following the members. */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    Future<Void> first = Future.future(p -> context.runOnContext(v -> rebuild().onComplete(p)));
    return first.onSuccess(
        v ->
            members.onChange(
                () -> {
                  router.hold(); // new owners at once; the rebuild waits its turn on the context
                  context.runOnContext(x -> changed());
                }));
  }

  /** Undeploys the shards; later changes of members are ignored. */
  public Future<Void> stop() {
    return Future.future(
        p ->
            context.runOnContext(
                v -> {
                  stopped = true;
                  undeployShards().onComplete(p);
                }));
  }

  private void changed() {
    if (stopped) {
      return;
    }
    if (rebuilding) {
      again = true;
      return;
    }
    rebuild()
        .onFailure(
            e -> {
              // Most likely the database is failing over: the replay is tried again shortly.
              LOG.error("Alerting could not rebuild its rule shards: {}", e.getMessage());
              vertx.setTimer(RETRY.toMillis(), t -> changed());
            });
  }

  private Future<Void> rebuild() {
    rebuilding = true;
    long began = System.nanoTime();
    return router
        .hold()
        .compose(v -> undeployShards())
        .compose(v -> deployShards.get())
        .map(
            ids -> {
              shards.addAll(ids);
              router.release();
              LOG.info(
                  "Alerting owns its share of residents among {} node(s); rule shards rebuilt in {}"
                      + " ms",
                  members.current().size(),
                  (System.nanoTime() - began) / 1_000_000);
              return (Void) null;
            })
        .eventually(
            () -> {
              rebuilding = false;
              if (again && !stopped) {
                again = false;
                changed();
              }
              return Future.succeededFuture();
            });
  }

  private Future<Void> undeployShards() {
    List<Future<Void>> all = shards.stream().map(vertx::undeploy).toList();
    shards.clear();
    return Future.all(all).mapEmpty();
  }
}

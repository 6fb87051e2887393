package org.caregrid.ingest;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.caregrid.core.codec.CompactJsonCodec;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.db.ReadingDays;
import org.caregrid.core.metrics.Transport;
import org.caregrid.core.node.Node;
import org.caregrid.ingest.coap.CoapIngestVerticle;
import org.caregrid.ingest.metrics.IngestMetrics;
import org.caregrid.ingest.metrics.MicrometerIngestMetrics;
import org.caregrid.ingest.mqtt.CareTopic;
import org.caregrid.ingest.mqtt.MqttIngestVerticle;
import org.caregrid.ingest.pipeline.Inbound;
import org.caregrid.ingest.pipeline.RangeCheck;
import org.caregrid.ingest.pipeline.ReadingPipeline;
import org.caregrid.ingest.registry.CachedDeviceRegistry;
import org.caregrid.ingest.rejection.JdbcRejectionStore;
import org.caregrid.ingest.rejection.RejectionLog;
import org.caregrid.ingest.status.StatusPipeline;
import org.caregrid.ingest.store.CopyWriter;
import org.caregrid.ingest.store.Retention;
import org.caregrid.ingest.store.Rollups;
import org.caregrid.ingest.store.WriteQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the ingest tier and deploys its verticles: the only wiring class of the module. */
public final class IngestRole {
  private static final Logger LOG = LoggerFactory.getLogger(IngestRole.class);
  private static final long PREPARE_DAYS_EVERY_MS = 3_600_000;
  private static final long ROLLUP_EVERY_MS = 60_000;
  private static final long RETENTION_EVERY_MS = 3_600_000;

  private final Node node;
  private final MqttConfig broker;
  private final IngestConfig config;
  private final List<String> deployments = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();
  private final List<MqttIngestVerticle> consumers = new ArrayList<>();
  private WriteQueue writeQueue;
  private RejectionLog rejections;
  private CoapIngestVerticle coap;

  public IngestRole(Node node, MqttConfig broker, IngestConfig config) {
    this.node = node;
    this.broker = broker;
    this.config = config;
  }

  public Future<Void> start() {
    IngestMetrics metrics = new MicrometerIngestMetrics(node.meters());
    CachedDeviceRegistry registry = new CachedDeviceRegistry(node.dataSource(), node.db());
    Rollups rollups =
        new Rollups(node.dataSource(), Clock.systemUTC(), config.limits().retention());
    writeQueue =
        new WriteQueue(
            node.vertx(),
            node.db(),
            new CopyWriter(node.dataSource()),
            config.writer(),
            metrics,
            rollups::written);
    rejections =
        new RejectionLog(
            node.vertx(),
            node.db(),
            new JdbcRejectionStore(node.dataSource()),
            config.limits().rejectedKept());
    ReadingPipeline pipeline =
        new ReadingPipeline(
            new CompactJsonCodec(),
            registry,
            new RangeCheck(
                Clock.systemUTC(), config.limits().futureSkew(), config.limits().retention()),
            config.limits().maxPayloadBytes(),
            writeQueue,
            rejections,
            node.vertx().eventBus(),
            metrics);
    AtomicInteger unacked = new AtomicInteger();
    metrics.unackedGauge(Transport.MQTT, unacked::get);
    metrics.backlogGauge(writeQueue::backlog);

    return registry
        .reload()
        .onSuccess(n -> LOG.info("Device registry loaded: {} active devices", n))
        .compose(n -> prepareReadingDays())
        .compose(v -> node.db().executeBlocking(() -> Migrations.inspect(node.dataSource()), false))
        .compose(
            storage -> {
              Retention retention =
                  new Retention(
                      node.dataSource(), storage, Clock.systemUTC(), config.limits().retention());
              writeQueue.start();
              rejections.start();
              timers.add(
                  node.vertx()
                      .setPeriodic(config.registryRefresh().toMillis(), id -> registry.reload()));
              timers.add(
                  node.vertx().setPeriodic(PREPARE_DAYS_EVERY_MS, id -> prepareReadingDays()));
              timers.add(
                  node.vertx()
                      .setPeriodic(ROLLUP_EVERY_MS, id -> maintain("roll up", rollups::run)));
              timers.add(
                  node.vertx()
                      .setPeriodic(
                          RETENTION_EVERY_MS, id -> maintain("apply retention", retention::run)));
              StatusPipeline status =
                  new StatusPipeline(
                      registry,
                      node.dataSource(),
                      node.db(),
                      node.vertx().eventBus(),
                      node.meters());
              Map<CareTopic.Channel, Function<Inbound, Future<Void>>> routes =
                  Map.of(
                      CareTopic.Channel.TELEMETRY, pipeline::accept,
                      CareTopic.Channel.STATUS, status::accept);
              return deployConsumers(routes, unacked).compose(d -> deployCoap(registry, pipeline));
            });
  }

  private Future<Void> deployConsumers(
      Map<CareTopic.Channel, Function<Inbound, Future<Void>>> routes, AtomicInteger unacked) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < config.mqtt().connections(); i++) {
      String clientId = config.mqtt().clientIdPrefix() + "-" + node.name() + "-" + i;
      MqttIngestVerticle consumer =
          new MqttIngestVerticle(broker, config.mqtt(), clientId, routes, unacked);
      consumers.add(consumer);
      chain =
          chain
              .compose(v -> node.vertx().deployVerticle(consumer))
              .map(
                  id -> {
                    deployments.add(id);
                    return null;
                  });
    }
    return chain.onSuccess(
        v ->
            LOG.info(
                "Ingest consuming from {} with {} connection(s)",
                broker.url(),
                config.mqtt().connections()));
  }

  /** Storage upkeep on the worker pool; a failure is logged and retried on the next tick. */
  private void maintain(String what, java.util.concurrent.Callable<?> job) {
    node.db()
        .executeBlocking(job, false)
        .onFailure(e -> LOG.warn("Could not {}: {}", what, e.getMessage()));
  }

  private Future<Void> deployCoap(CachedDeviceRegistry registry, ReadingPipeline pipeline) {
    if (!config.coap().enabled()) {
      return Future.succeededFuture();
    }
    coap =
        new CoapIngestVerticle(
            config.coap(), config.limits().maxPayloadBytes(), registry, pipeline);
    return node.vertx()
        .deployVerticle(coap)
        .map(
            id -> {
              deployments.add(id);
              LOG.info("CoAP over DTLS listening on UDP {}", coap.securePort());
              return null;
            });
  }

  /** The CoAP server, when enabled and started: tests ask it for its ports. */
  public CoapIngestVerticle coap() {
    return coap;
  }

  private Future<Void> prepareReadingDays() {
    return node.db()
        .executeBlocking(() -> ReadingDays.prepare(node.dataSource()), false)
        .onFailure(e -> LOG.warn("Could not prepare reading partitions: {}", e.getMessage()))
        .mapEmpty();
  }

  /** Whether every consumer connection is up. */
  public boolean brokerConnected() {
    return !consumers.isEmpty() && consumers.stream().allMatch(MqttIngestVerticle::isConnected);
  }

  /** Stops consuming, then writes what is still queued. */
  public Future<Void> stop() {
    timers.forEach(node.vertx()::cancelTimer);
    Future<Void> chain = Future.succeededFuture();
    for (String id : deployments) {
      chain = chain.compose(v -> node.vertx().undeploy(id));
    }
    return chain.onComplete(
        v -> {
          if (writeQueue != null) {
            writeQueue.flushNow();
            writeQueue.stop();
            rejections.flush();
            rejections.stop();
          }
        });
  }
}

package org.caregrid.ingest;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.caregrid.core.codec.Codecs;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.core.metrics.Transport;
import org.caregrid.core.node.Node;
import org.caregrid.ingest.adopt.Peers;
import org.caregrid.ingest.adopt.SessionAdoptions;
import org.caregrid.ingest.coap.CoapIngestVerticle;
import org.caregrid.ingest.event.EventPipeline;
import org.caregrid.ingest.metrics.IngestMetrics;
import org.caregrid.ingest.metrics.MicrometerIngestMetrics;
import org.caregrid.ingest.mqtt.AdoptedSession;
import org.caregrid.ingest.mqtt.CareTopic;
import org.caregrid.ingest.mqtt.MqttIngestVerticle;
import org.caregrid.ingest.pipeline.Pipeline;
import org.caregrid.ingest.pipeline.RangeCheck;
import org.caregrid.ingest.pipeline.ReadingPipeline;
import org.caregrid.ingest.pipeline.Refusals;
import org.caregrid.ingest.registry.CachedDeviceRegistry;
import org.caregrid.ingest.registry.DeviceChanges;
import org.caregrid.ingest.registry.DeviceRegistry;
import org.caregrid.ingest.rejection.JdbcRejectionStore;
import org.caregrid.ingest.rejection.RejectionLog;
import org.caregrid.ingest.status.StatusPipeline;
import org.caregrid.ingest.store.CopyWriter;
import org.caregrid.ingest.store.JdbcEventSink;
import org.caregrid.ingest.store.JdbcStatusSink;
import org.caregrid.ingest.store.Rollups;
import org.caregrid.ingest.store.StorageUpkeep;
import org.caregrid.ingest.store.WriteQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the ingest tier and deploys its verticles: the only wiring class of the module. */
public final class IngestRole {
  private static final Logger LOG = LoggerFactory.getLogger(IngestRole.class);

  private final Node node;
  private final MqttConfig broker;
  private final IngestConfig config;
  private final IngestMetrics metrics;
  private final CachedDeviceRegistry registry;
  private final WriteQueue writeQueue;
  private final RejectionLog rejections;
  private final StorageUpkeep upkeep;
  private final List<String> deployments = new ArrayList<>();
  private final List<MqttIngestVerticle> consumers = new ArrayList<>();
  private final AtomicInteger unacked = new AtomicInteger();
  private final DeviceChanges changes;
  private final Peers peers; // null on a single node
  private CoapIngestVerticle coap;
  private SessionAdoptions adoptions;

  /** Ingest on a single node. */
  public IngestRole(Node node, MqttConfig broker, IngestConfig config) {
    this(node, broker, config, null);
  }

  /**
   * Ingest on one node of a cluster: it also adopts the broker sessions of nodes that left, as the
   * {@link SessionAdoptions} decide.
   */
  public IngestRole(Node node, MqttConfig broker, IngestConfig config, Peers peers) {
    this.node = node;
    this.peers = peers;
    this.broker = broker;
    this.config = config;
    this.metrics = new MicrometerIngestMetrics(node.meters());
    this.registry = new CachedDeviceRegistry(node.dataSource(), node.db(), node.psks());
    this.changes =
        new DeviceChanges(
            node.dataSource(), registry, config.registryRefresh(), Duration.ofSeconds(5));
    Rollups rollups =
        new Rollups(node.dataSource(), Clock.systemUTC(), config.limits().retention());
    this.writeQueue =
        new WriteQueue(
            node.vertx(),
            node.db(),
            new CopyWriter(node.dataSource(), config.writer().format()),
            config.writer(),
            metrics);
    this.rejections =
        new RejectionLog(
            node.vertx(),
            node.db(),
            new JdbcRejectionStore(node.dataSource()),
            config.limits().rejectedKept());
    this.upkeep =
        new StorageUpkeep(
            node.vertx(), node.db(), node.dataSource(), rollups, config.limits().retention());
    metrics.unackedGauge(Transport.MQTT, unacked::get);
    metrics.backlogGauge(writeQueue::backlog);
    metrics.unreadableKeysGauge(registry::unreadableKeys);
    metrics.registryGauges(registry::size, registry::lastLoadSeconds);
  }

  /** Loads the registry and prepares storage before the first message is taken. */
  public Future<Void> start() {
    RangeCheck rangeCheck =
        new RangeCheck(
            Clock.systemUTC(), config.limits().futureSkew(), config.limits().retention());
    Refusals refusals = new Refusals(config.limits().maxPayloadBytes(), rejections, metrics);
    ReadingPipeline readings =
        new ReadingPipeline(
            new Codecs(Clock.systemUTC()),
            registry,
            rangeCheck,
            refusals,
            writeQueue,
            node.vertx().eventBus(),
            metrics);
    EventPipeline events =
        new EventPipeline(
            registry,
            rangeCheck,
            refusals,
            new JdbcEventSink(node.dataSource(), node.db()),
            node.vertx().eventBus(),
            metrics);
    StatusPipeline status =
        new StatusPipeline(
            registry,
            new JdbcStatusSink(node.dataSource(), node.db()),
            node.vertx().eventBus(),
            metrics,
            refusals);
    Map<CareTopic.Channel, Pipeline> routes =
        Map.of(
            CareTopic.Channel.TELEMETRY, readings,
            CareTopic.Channel.EVENT, events,
            CareTopic.Channel.STATUS, status);

    return registry
        .reload()
        .onSuccess(n -> LOG.info("Device registry loaded: {} active devices", n))
        .compose(n -> upkeep.start())
        .compose(
            v -> {
              writeQueue.start();
              rejections.start();
              changes.start();
              return deployConsumers(routes, refusals);
            })
        .onSuccess(v -> startAdoptions(routes, refusals))
        .compose(v -> deployCoap(Map.of("telemetry", readings, "event", events), refusals));
  }

  /**
   * Deploys a connection for status, one for events, then the telemetry connections: an SOS must
   * not queue behind thousands of readings in one connection's socket and event loop
   * (bench/README.md, alerting latency), nor behind the flood of status messages that follows a
   * broker restart. One shared subscription per connection: HiveMQ CE (the demo's broker) can leave
   * a connection with two shared subscriptions unserved while messages wait in its queue
   * (docs/decisions/0017). Each connection drops the other channels an earlier version's session
   * may still hold for it, after the connection meant for them has subscribed (hence this order).
   */
  private Future<Void> deployConsumers(Map<CareTopic.Channel, Pipeline> routes, Refusals refusals) {
    Future<Void> chain =
        deployConsumer("status", EnumSet.of(CareTopic.Channel.STATUS), routes, refusals)
            .compose(
                v ->
                    deployConsumer(
                        "events", EnumSet.of(CareTopic.Channel.EVENT), routes, refusals));
    for (int i = 0; i < config.mqtt().connections(); i++) {
      String suffix = Integer.toString(i);
      chain =
          chain.compose(
              v ->
                  deployConsumer(
                      suffix, EnumSet.of(CareTopic.Channel.TELEMETRY), routes, refusals));
    }
    return chain.onSuccess(
        v ->
            LOG.info(
                "Ingest consuming from {}: telemetry on {} connection(s), events and status on"
                    + " one each",
                broker.url(),
                config.mqtt().connections()));
  }

  private Future<Void> deployConsumer(
      String suffix,
      Set<CareTopic.Channel> channels,
      Map<CareTopic.Channel, Pipeline> routes,
      Refusals refusals) {
    String clientId = clientId(node.name(), suffix);
    MqttIngestVerticle consumer =
        new MqttIngestVerticle(
            broker, config.mqtt(), clientId, channels, routes, unacked, refusals);
    consumers.add(consumer);
    return node.vertx().deployVerticle(consumer).map(this::deployed);
  }

  /** A node's client id for one of its connections: nodes share the ingest configuration. */
  private String clientId(String nodeName, String suffix) {
    return config.mqtt().clientIdPrefix() + "-" + nodeName + "-" + suffix;
  }

  /** Every client id a node holds a session under, in the order {@link #deployConsumers} uses. */
  private List<String> clientIds(String nodeName) {
    List<String> ids = new ArrayList<>();
    ids.add(clientId(nodeName, "status"));
    ids.add(clientId(nodeName, "events"));
    for (int i = 0; i < config.mqtt().connections(); i++) {
      ids.add(clientId(nodeName, Integer.toString(i)));
    }
    return ids;
  }

  /** In a cluster, from now on this node adopts the broker sessions of nodes that leave. */
  private void startAdoptions(Map<CareTopic.Channel, Pipeline> routes, Refusals refusals) {
    if (peers == null) {
      return;
    }
    adoptions =
        new SessionAdoptions(
            node.vertx(),
            peers,
            node.name(),
            this::clientIds,
            clientId ->
                new AdoptedSession(broker, config.mqtt(), clientId, routes, unacked, refusals),
            metrics);
    adoptions.start();
  }

  private Future<Void> deployCoap(Map<String, Pipeline> resources, Refusals refusals) {
    if (!config.coap().enabled()) {
      return Future.succeededFuture();
    }
    coap =
        new CoapIngestVerticle(
            config.coap(), config.limits().maxPayloadBytes(), registry, resources, refusals);
    return node.vertx()
        .deployVerticle(coap)
        .map(this::deployed)
        .onSuccess(v -> LOG.info("CoAP over DTLS listening on UDP {}", coap.securePort()));
  }

  private Void deployed(String deploymentId) {
    deployments.add(deploymentId);
    return null;
  }

  /** The CoAP server, when enabled and started: tests ask it for its ports. */
  public CoapIngestVerticle coap() {
    return coap;
  }

  /** The device registry: tests ask it whether a change has reached ingest. */
  public DeviceRegistry registry() {
    return registry;
  }

  /** Whether every consumer connection is up. */
  public boolean brokerConnected() {
    return !consumers.isEmpty() && consumers.stream().allMatch(MqttIngestVerticle::isConnected);
  }

  /** Stops consuming, then writes what is still queued. */
  public Future<Void> stop() {
    changes.close();
    upkeep.stop();
    Future<Void> chain =
        adoptions == null ? Future.succeededFuture() : adoptions.stop().otherwiseEmpty();
    for (String id : deployments) {
      chain = chain.compose(v -> node.vertx().undeploy(id));
    }
    return chain.onComplete(
        v -> {
          writeQueue.flushNow();
          writeQueue.stop();
          rejections.flush();
          rejections.stop();
        });
  }
}

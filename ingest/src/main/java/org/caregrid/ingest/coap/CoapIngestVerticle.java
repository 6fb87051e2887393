package org.caregrid.ingest.coap;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.net.InetSocketAddress;
import java.util.Map;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.ingest.pipeline.Pipeline;
import org.caregrid.ingest.pipeline.Refusals;
import org.caregrid.ingest.registry.DeviceRegistry;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;

/**
 * The CoAP server: {@code POST /telemetry} and {@code POST /event} over DTLS 1.2 with pre-shared
 * keys (identity = device id, keys from the registry), and over plain CoAP only in insecure mode.
 * Californium's settings are made in code; nothing is read from or written to a properties file.
 */
public final class CoapIngestVerticle extends VerticleBase {
  static {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
  }

  private final IngestConfig.Coap config;
  private final int maxPayloadBytes;
  private final DeviceRegistry registry;
  private final Map<String, Pipeline> resources;
  private final Refusals refusals;
  private CoapServer server;

  /**
   * @param refusals counts and keeps the bodies Californium refuses as too large before a resource
   *     sees them
   */
  public CoapIngestVerticle(
      IngestConfig.Coap config,
      int maxPayloadBytes,
      DeviceRegistry registry,
      Map<String, Pipeline> resources,
      Refusals refusals) {
    this.config = config;
    this.maxPayloadBytes = maxPayloadBytes;
    this.registry = registry;
    this.resources = Map.copyOf(resources);
    this.refusals = refusals;
  }

  @Override
  public Future<?> start() {
    Configuration settings = Configuration.createStandardWithoutFile();
    settings.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, maxPayloadBytes);
    settings.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
    // Californium's default deduplicator keeps every request for the exchange lifetime (247 s):
    // at thousands of requests a second that fills the heap. Keeping each device's last 64 is
    // enough to answer its retransmissions, and a duplicate that slips through is stored once
    // anyway.
    settings.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
    DeviceRequests requests = new DeviceRequests(context, config, refusals);
    server = new CoapServer(settings);
    resources.forEach((path, target) -> server.add(requests.resource(path, target)));
    OversizedBodies oversized = new OversizedBodies(context, refusals, maxPayloadBytes);
    Endpoint secure = secureEndpoint(settings);
    secure.addInterceptor(oversized);
    server.addEndpoint(secure);
    if (config.insecure()) {
      Endpoint plain =
          CoapEndpoint.builder()
              .setConfiguration(settings)
              .setInetSocketAddress(new InetSocketAddress(config.host(), config.port()))
              .build();
      plain.addInterceptor(oversized);
      server.addEndpoint(plain);
    }
    // Binding UDP sockets blocks briefly: not on the event loop.
    return vertx
        .executeBlocking(
            () -> {
              server.start();
              return null;
            })
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalStateException(
                        "CoAP could not bind UDP %d/%d; set ingest.coap.secure-port and port: %s"
                            .formatted(config.securePort(), config.port(), e.getMessage()),
                        e)));
  }

  private Endpoint secureEndpoint(Configuration settings) {
    DtlsConnectorConfig dtls =
        DtlsConnectorConfig.builder(settings)
            .setAddress(new InetSocketAddress(config.host(), config.securePort()))
            .setAdvancedPskStore(new RegistryPskStore(registry))
            .build();
    return CoapEndpoint.builder()
        .setConfiguration(settings)
        .setConnector(new DTLSConnector(dtls))
        .build();
  }

  /** The UDP port of the DTLS endpoint, once started (useful when configured as 0). */
  public int securePort() {
    return server.getEndpoints().get(0).getAddress().getPort();
  }

  /** The UDP port of the plain endpoint, in insecure mode. */
  public int plainPort() {
    return server.getEndpoints().get(1).getAddress().getPort();
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(
        () -> {
          server.destroy();
          return null;
        });
  }
}

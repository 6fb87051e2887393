package org.caregrid.bench.coap;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;

/**
 * The reference for the CoAP benchmark: Californium alone, set up as ingest sets up its server
 * (same settings, DTLS 1.2 with an in-memory PSK store answering at once), whose {@code POST
 * /telemetry} answers 2.04 on Californium's own thread without looking at the payload. It runs in a
 * JVM of its own, like the platform: {@code java -cp caregrid-bench.jar
 * org.caregrid.bench.BareCoapServer <keys file>}; it binds an ephemeral loopback port and prints
 * it.
 */
public final class BareCoapServer {
  static final String LISTENING = "bare CoAP server listening on UDP ";

  static {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
  }

  private BareCoapServer() {}

  public static void main(String[] args) throws Exception {
    AdvancedMultiPskStore psk = new AdvancedMultiPskStore();
    DeviceKeys.read(Path.of(args[0])).byDevice().forEach(psk::setKey);
    Configuration settings = Configuration.createStandardWithoutFile();
    settings.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 16 * 1024);
    settings.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
    settings.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
    CoapServer server = new CoapServer(settings);
    server.add(
        new CoapResource("telemetry") {
          @Override
          public void handlePOST(CoapExchange exchange) {
            exchange.respond(ResponseCode.CHANGED);
          }
        });
    DtlsConnectorConfig dtls =
        DtlsConnectorConfig.builder(settings)
            .setAddress(new InetSocketAddress("127.0.0.1", 0))
            .setAdvancedPskStore(psk)
            .build();
    server.addEndpoint(
        CoapEndpoint.builder()
            .setConfiguration(settings)
            .setConnector(new DTLSConnector(dtls))
            .build());
    server.start();
    System.out.println(LISTENING + server.getEndpoints().get(0).getAddress().getPort());
    // Californium's threads are daemons: the JVM lives until the bench ends it.
    new CountDownLatch(1).await();
  }
}

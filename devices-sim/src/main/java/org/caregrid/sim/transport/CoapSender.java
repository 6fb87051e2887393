package org.caregrid.sim.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Queue;
import org.caregrid.core.codec.Codecs;
import org.caregrid.core.codec.SenmlCborCodec;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.event.EventJsonCodec;
import org.caregrid.core.reading.Telemetry;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * One device speaking CoAP over DTLS 1.2 with its pre-shared key (identity = device id): telemetry
 * as SenML CBOR to {@code POST /telemetry}, events as event JSON to {@code POST /event}, each a
 * confirmable request answered 2.04 after the platform's commit. Like a constrained device it has
 * one request in flight at a time and queues the rest (a bounded few: past that, the oldest is
 * dropped and counted as failed).
 */
public final class CoapSender implements DeviceLink {
  private static final int QUEUE = 64;
  private static final SenmlCborCodec SENML = new SenmlCborCodec(Clock.systemUTC());
  private static final EventJsonCodec EVENTS = new EventJsonCodec();

  private record Pending(String path, byte[] payload, int format) {}

  private final CoapEndpoint endpoint;
  private final URI base;
  private final Traffic traffic;
  private final Queue<Pending> queue = new ArrayDeque<>();
  private boolean busy;

  CoapSender(CoapEndpoint endpoint, URI base, Traffic traffic) {
    this.endpoint = endpoint;
    this.base = base;
    this.traffic = traffic;
  }

  /** A device's endpoint with its own DTLS connector, on the shared executors of {@code pool}. */
  static CoapSender create(
      Configuration config, CoapPool pool, URI base, String deviceId, byte[] psk, Traffic traffic)
      throws IOException {
    DTLSConnector connector =
        new DTLSConnector(
            DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(base.getHost(), 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(deviceId, psk))
                .build());
    connector.setExecutor(pool.workers());
    CoapEndpoint endpoint =
        CoapEndpoint.builder().setConfiguration(config).setConnector(connector).build();
    endpoint.setExecutors(pool.workers(), pool.timer());
    endpoint.start();
    return new CoapSender(endpoint, base, traffic);
  }

  @Override
  public void telemetry(Telemetry telemetry) {
    enqueue(new Pending("/telemetry", SENML.encode(telemetry), Codecs.SENML_CBOR_FORMAT));
  }

  @Override
  public void event(DeviceEvent event) {
    enqueue(new Pending("/event", EVENTS.encode(event), Codecs.JSON_FORMAT));
  }

  private void enqueue(Pending p) {
    traffic.sent.incrementAndGet();
    Pending next;
    synchronized (this) {
      if (queue.size() >= QUEUE) {
        queue.poll();
        traffic.failed.incrementAndGet();
      }
      queue.add(p);
      if (busy) {
        return;
      }
      busy = true;
      next = queue.poll();
    }
    send(next);
  }

  private void send(Pending p) {
    Request request = Request.newPost();
    request.setConfirmable(true);
    request.setURI(base.resolve(p.path()));
    request.setPayload(p.payload());
    request.getOptions().setContentFormat(p.format());
    request.addMessageObserver(
        new MessageObserverAdapter() {
          @Override
          public void onResponse(Response response) {
            if (response.getCode() == ResponseCode.CHANGED) {
              traffic.acknowledged.incrementAndGet();
            } else {
              traffic.failed.incrementAndGet();
            }
            sendNext();
          }

          @Override
          protected void failed() {
            traffic.failed.incrementAndGet();
            sendNext();
          }
        });
    endpoint.sendRequest(request);
  }

  private void sendNext() {
    Pending next;
    synchronized (this) {
      next = queue.poll();
      busy = next != null;
    }
    if (next != null) {
      send(next);
    }
  }

  @Override
  public void close() {
    endpoint.destroy();
  }
}

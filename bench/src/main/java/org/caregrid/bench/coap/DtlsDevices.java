package org.caregrid.bench.coap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.caregrid.bench.district.BedTelemetry;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * Devices speaking CoAP over DTLS 1.2, each as a real one would: its own UDP port, DTLS session and
 * PSK identity, and one confirmable request at a time. Each has its own Californium endpoint and
 * DTLS connector, but all of them share one small worker pool and one timer: Californium would
 * otherwise start a pool per endpoint and per connector, thousands of threads on 2 cores. What
 * remains per device is the connector's receiver thread, blocked on its socket.
 */
final class DtlsDevices implements AutoCloseable {
  static {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
  }

  /** How one request ended. */
  enum Outcome {
    CHANGED,
    UNAVAILABLE,
    OTHER_CODE,
    TIMEOUT,
    FAILED
  }

  /** One request's end: outcome, time from send to answer, and CoAP retransmissions. */
  record Answer(Outcome outcome, long nanos, int retransmissions, long completedAt) {}

  private final ScheduledExecutorService workers;
  private final ScheduledExecutorService timer;
  private final List<Device> devices = new ArrayList<>();
  private volatile String cipherSuite = "none yet";

  DtlsDevices(DeviceKeys keys, int threads) throws IOException {
    workers = Executors.newScheduledThreadPool(threads, daemons("dtls-load-"));
    timer = Executors.newSingleThreadScheduledExecutor(daemons("dtls-timer-"));
    Configuration config = Configuration.createStandardWithoutFile();
    config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
    config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
    // A device talks to one or two servers: keep its connection and peer tables small.
    config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 4);
    config.set(CoapConfig.MAX_ACTIVE_PEERS, 4);
    for (Map.Entry<String, byte[]> key : keys.byDevice().entrySet()) {
      DTLSConnector connector =
          new DTLSConnector(
              DtlsConnectorConfig.builder(config)
                  .setAddress(new InetSocketAddress("127.0.0.1", 0))
                  .setAdvancedPskStore(new AdvancedSinglePskStore(key.getKey(), key.getValue()))
                  .build());
      connector.setExecutor(workers); // a scheduled pool: the connector's timer too
      CoapEndpoint endpoint =
          CoapEndpoint.builder().setConfiguration(config).setConnector(connector).build();
      endpoint.setExecutors(workers, timer);
      endpoint.start();
      devices.add(new Device(endpoint, this));
    }
  }

  /** The cipher suite of the last DTLS session set up, as the server chose it. */
  String cipherSuite() {
    return cipherSuite;
  }

  int size() {
    return devices.size();
  }

  /**
   * Sends a confirmable POST of {@link BedTelemetry} from device {@code index} to {@code target} (a
   * handshake first if it has no session with it yet); {@code done} gets the answer once.
   */
  void post(int index, URI target, Consumer<Answer> done) {
    devices.get(index).post(target, done);
  }

  @Override
  public void close() {
    devices.forEach(d -> d.endpoint.destroy());
    workers.shutdownNow();
    timer.shutdownNow();
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static final class Device {
    private final CoapEndpoint endpoint;
    private final DtlsDevices all;
    private final AtomicLong lastTs = new AtomicLong();
    private final AtomicLong seq = new AtomicLong();

    Device(CoapEndpoint endpoint, DtlsDevices all) {
      this.endpoint = endpoint;
      this.all = all;
    }

    void post(URI target, Consumer<Answer> done) {
      // Distinct time stamps: the store keeps one reading per device, metric and time.
      long ts = lastTs.updateAndGet(last -> Math.max(System.currentTimeMillis(), last + 1));
      Request request = Request.newPost();
      request.setConfirmable(true);
      request.setURI(target);
      request.setPayload(
          BedTelemetry.json(ts, seq.getAndIncrement()).getBytes(StandardCharsets.UTF_8));
      request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
      request.addMessageObserver(new Observer(System.nanoTime(), done, all));
      endpoint.sendRequest(request);
    }
  }

  /** Turns Californium's callbacks for one request into exactly one {@link Answer}. */
  private static final class Observer extends MessageObserverAdapter {
    private final long sentAt;
    private final Consumer<Answer> done;
    private final DtlsDevices all;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final AtomicInteger retransmissions = new AtomicInteger();

    Observer(long sentAt, Consumer<Answer> done, DtlsDevices all) {
      this.sentAt = sentAt;
      this.done = done;
      this.all = all;
    }

    @Override
    public void onContextEstablished(EndpointContext context) {
      String cipher = context.get(DtlsEndpointContext.KEY_CIPHER);
      if (cipher != null) {
        all.cipherSuite = cipher;
      }
    }

    @Override
    public void onRetransmission() {
      retransmissions.incrementAndGet();
    }

    @Override
    public void onResponse(Response response) {
      ResponseCode code = response.getCode();
      end(
          code == ResponseCode.CHANGED
              ? Outcome.CHANGED
              : code == ResponseCode.SERVICE_UNAVAILABLE
                  ? Outcome.UNAVAILABLE
                  : Outcome.OTHER_CODE);
    }

    @Override
    public void onTimeout() {
      end(Outcome.TIMEOUT);
    }

    @Override
    public void onSendError(Throwable error) {
      end(Outcome.FAILED);
    }

    @Override
    public void onReject() {
      end(Outcome.FAILED);
    }

    @Override
    public void onCancel() {
      end(Outcome.FAILED);
    }

    private void end(Outcome outcome) {
      if (answered.compareAndSet(false, true)) {
        long now = System.nanoTime();
        done.accept(new Answer(outcome, now - sentAt, retransmissions.get(), now));
      }
    }
  }
}

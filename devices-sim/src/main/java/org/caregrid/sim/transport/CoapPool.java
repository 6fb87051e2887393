package org.caregrid.sim.transport;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * The CoAP devices' shared threads: each device has its own endpoint, DTLS session and PSK, but
 * Californium would otherwise start worker pools per endpoint and per connector, hundreds of
 * threads for a district (the same arrangement as the CoAP benchmark's devices).
 */
public final class CoapPool implements AutoCloseable {
  static {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
  }

  private final ScheduledExecutorService workers =
      Executors.newScheduledThreadPool(2, daemons("sim-coap-"));
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(daemons("sim-coap-timer-"));
  private final Configuration config = Configuration.createStandardWithoutFile();

  public CoapPool() {
    config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
    config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
    config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 4);
    config.set(CoapConfig.MAX_ACTIVE_PEERS, 4);
  }

  /** A device's sender to the platform at {@code base} ({@code coaps://host:port}). */
  public CoapSender sender(URI base, String deviceId, byte[] psk, Traffic traffic)
      throws IOException {
    return CoapSender.create(config, this, base, deviceId, psk, traffic);
  }

  ScheduledExecutorService workers() {
    return workers;
  }

  ScheduledExecutorService timer() {
    return timer;
  }

  @Override
  public void close() {
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
}

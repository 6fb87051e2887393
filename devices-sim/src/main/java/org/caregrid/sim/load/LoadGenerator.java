package org.caregrid.sim.load;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The device side of a load test: many device ids share a few Paho connections (100,000 devices do
 * not need 100,000 sockets to load ingest), each connection with a bounded window of unacknowledged
 * publishes. One pacing thread sends what is due at the target rate; when every window is full it
 * sends nothing until acknowledgements free one, so the broker sets the pace and memory stays
 * bounded. Each message is a care bed's 4 readings in compact JSON, stamped when sent.
 */
public final class LoadGenerator implements AutoCloseable {
  /** MQTT 5 PUBACK reason: the broker found no subscription for the message and dropped it. */
  private static final int NO_MATCHING_SUBSCRIBERS = 0x10;

  private final LoadOptions options;
  private final List<MqttAsyncClient> clients = new ArrayList<>();
  private final List<Semaphore> windows = new ArrayList<>();
  private final long[] seq;
  private final long[] lastTs;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final LatencyRecorder ackLatency = new LatencyRecorder();
  private final StationWatch station;

  private LoadGenerator(LoadOptions options, StationWatch station) {
    this.options = options;
    this.station = station;
    this.seq = new long[options.devices()];
    this.lastTs = new long[options.devices()];
  }

  /** Connects the publishing connections and, when events are injected, the station watch. */
  public static LoadGenerator connect(LoadOptions options) throws MqttException {
    StationWatch station =
        options.eventsPerSecond() > 0 ? StationWatch.connect(options.broker()) : null;
    LoadGenerator load = new LoadGenerator(options, station);
    try {
      String run = UUID.randomUUID().toString().substring(0, 8);
      for (int i = 0; i < options.connections(); i++) {
        MqttAsyncClient c =
            new MqttAsyncClient(
                options.broker(), "sim-load-" + run + "-" + i, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        c.connect(o).waitForCompletion(10_000);
        load.clients.add(c);
        load.windows.add(new Semaphore(options.inFlight()));
      }
    } catch (MqttException e) {
      load.close();
      throw e;
    }
    return load;
  }

  /**
   * Runs for the options' duration, printing a progress line every few seconds to {@code progress},
   * then waits up to 30 s for the last acknowledgements and help requests.
   */
  public LoadSummary run(PrintStream progress) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + options.duration().toNanos();
    long nextProgress = start + options.progressEvery().toNanos();
    long telemetry = 0;
    int events = 0;
    int device = 0;
    int connection = 0;
    long lastProgressAcked = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      double elapsed = (now - start) / 1e9;
      int eventsDue = Math.min(options.pendants(), (int) (elapsed * options.eventsPerSecond()));
      while (events < eventsDue) {
        press(events++);
      }
      long due = (long) (elapsed * options.rate());
      int full = 0;
      while (telemetry < due && full < clients.size()) {
        if (windows.get(connection).tryAcquire()) {
          if (publish(connection, device)) {
            telemetry++;
            device = (device + 1) % options.devices();
          }
          full = 0;
        } else {
          full++;
        }
        connection = (connection + 1) % clients.size();
      }
      if (now >= nextProgress) {
        long a = acked.get();
        progress.println(line(now - start, a, a - lastProgressAcked, ackLatency.interval()));
        lastProgressAcked = a;
        nextProgress += options.progressEvery().toNanos();
      }
      LockSupport.parkNanos(200_000);
    }
    long ran = System.nanoTime() - start;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((acked.get() + failed.get() < sent.get()
            || (station != null && station.received() < events))
        && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000_000);
    }
    Histogram acks = ackLatency.total();
    LoadSummary.Events injected =
        station == null
            ? null
            : new LoadSummary.Events(
                events, station.received(), LoadSummary.Latency.of(station.latency().total()));
    double seconds = ran / 1e9;
    return new LoadSummary(
        options.devices(),
        options.connections(),
        options.qos(),
        options.rate(),
        Math.round(seconds * 10) / 10.0,
        sent.get(),
        acked.get(),
        failed.get(),
        Math.round(acked.get() / seconds * 10) / 10.0,
        LoadSummary.Latency.of(acks),
        injected);
  }

  private String line(long elapsedNanos, long acknowledged, long ackedSince, Histogram interval) {
    double window = options.progressEvery().toNanos() / 1e9;
    String alerts =
        station == null ? "" : String.format(Locale.ROOT, " alerts=%d", station.received());
    return String.format(
        Locale.ROOT,
        "t=%ds sent=%d acked=%d failed=%d rate=%.0f/s ack p50=%.1fms p99=%.1fms%s",
        Duration.ofNanos(elapsedNanos).toSeconds(),
        sent.get(),
        acknowledged,
        failed.get(),
        ackedSince / window,
        LatencyRecorder.millis(interval.getValueAtPercentile(50)),
        LatencyRecorder.millis(interval.getValueAtPercentile(99)),
        alerts);
  }

  /** False when Paho's own window was full: the message was not sent and is due again. */
  private boolean publish(int connection, int device) {
    long ts = Math.max(System.currentTimeMillis(), lastTs[device] + 1);
    lastTs[device] = ts;
    long s = seq[device];
    String json =
        "{\"ts\":"
            + ts
            + ",\"seq\":"
            + s
            + ",\"m\":{\"hr\":"
            + (60 + s % 30)
            + ",\"rr\":14,\"in_bed\":1,\"movement\":"
            + (s % 7)
            + "}}";
    Semaphore window = windows.get(connection);
    long at = System.nanoTime();
    try {
      send(connection, "care/" + options.device(device) + "/telemetry", json, window, at);
      seq[device]++;
      sent.incrementAndGet();
      return true;
    } catch (MqttException e) {
      window.release();
      if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
        return false;
      }
      sent.incrementAndGet();
      failed.incrementAndGet();
      return true;
    }
  }

  private void send(int connection, String topic, String json, Semaphore window, long at)
      throws MqttException {
    MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
    m.setQos(options.qos());
    clients
        .get(connection)
        .publish(
            topic,
            m,
            null,
            new MqttActionListener() {
              @Override
              public void onSuccess(IMqttToken token) {
                window.release();
                if (noSubscriber(token)) {
                  // Dropped by the broker: ingest was not subscribed (a broker restart, decision
                  // 0021). Not a reading the platform took, so not counted as acknowledged.
                  failed.incrementAndGet();
                  return;
                }
                ackLatency.record(System.nanoTime() - at);
                acked.incrementAndGet();
              }

              @Override
              public void onFailure(IMqttToken token, Throwable e) {
                window.release();
                failed.incrementAndGet();
              }
            });
  }

  /** Whether the PUBACK says no subscription matched (MQTT 5 reason 0x10). */
  private static boolean noSubscriber(IMqttToken token) {
    int[] codes = token.getReasonCodes();
    return codes != null && codes.length > 0 && codes[0] == NO_MATCHING_SUBSCRIBERS;
  }

  /** An SOS press from pendant {@code i}, on the first connection, timed by the station watch. */
  private void press(int i) {
    String pendant = options.pendant(i);
    String json = "{\"ts\":" + System.currentTimeMillis() + ",\"seq\":0,\"type\":\"sos\"}";
    station.pressed(pendant);
    MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      try {
        clients.get(0).publish("care/" + pendant + "/event", m);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT
            || System.nanoTime() > deadline) {
          station.lost(pendant);
          return;
        }
        Thread.onSpinWait();
      }
    }
  }

  @Override
  public void close() {
    for (MqttAsyncClient c : clients) {
      try {
        if (c.isConnected()) {
          c.disconnect().waitForCompletion(5_000);
        }
        c.close();
      } catch (MqttException e) {
        // closing at the end of a run: nothing left to lose
      }
    }
    if (station != null) {
      station.close();
    }
  }
}

package org.caregrid.bench.ha;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.caregrid.bench.district.BedTelemetry;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The care beds' telemetry through kills: messages of 4 readings, round-robin over the beds and
 * over {@code connections} {@link ResumingPublisher}s, paced at a rate that can be changed while it
 * runs. It remembers each bed's time stamps the broker took, so that the end of the run can look
 * every acknowledged message up in the database.
 */
final class TelemetryLoad implements AutoCloseable {
  private final List<ResumingPublisher> publishers = new ArrayList<>();
  private final List<String> beds;
  private final long[] lastTs;
  private final long[] seq;
  private final long[][] takenTs;
  private final int[] takenCount;
  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong taken = new AtomicLong();
  private volatile double messagesPerSecond;
  private long due;
  private long lastTick;

  TelemetryLoad(String brokerUrl, int connections, List<String> beds) throws MqttException {
    this.beds = beds;
    this.lastTs = new long[beds.size()];
    this.seq = new long[beds.size()];
    this.takenTs = new long[beds.size()][16];
    this.takenCount = new int[beds.size()];
    for (int i = 0; i < connections; i++) {
      publishers.add(new ResumingPublisher(brokerUrl, "bench-ha-load-" + i));
    }
  }

  /** Starts (or changes) the pace: {@code readingsPerSecond} in all, 0 to pause. */
  void rate(double readingsPerSecond) {
    messagesPerSecond = readingsPerSecond / BedTelemetry.READINGS;
    if (lastTick == 0) {
      lastTick = System.nanoTime();
      pacer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.MILLISECONDS);
    }
  }

  private void tick() {
    long now = System.nanoTime();
    double owed = (now - lastTick) / 1e9 * messagesPerSecond;
    lastTick = now;
    due += (long) Math.floor(owed + Math.random()); // keeps the fraction on average
    while (due > 0) {
      publish((int) (sent.getAndIncrement() % beds.size()));
      due--;
    }
  }

  private void publish(int bed) {
    long ts = Math.max(System.currentTimeMillis(), lastTs[bed] + 1);
    lastTs[bed] = ts;
    String payload = BedTelemetry.json(ts, seq[bed]++);
    publishers
        .get(bed % publishers.size())
        .publish("care/" + beds.get(bed) + "/telemetry", payload, () -> taken(bed, ts));
  }

  private synchronized void taken(int bed, long ts) {
    if (takenCount[bed] == takenTs[bed].length) {
      takenTs[bed] = Arrays.copyOf(takenTs[bed], takenTs[bed].length * 2);
    }
    takenTs[bed][takenCount[bed]++] = ts;
    taken.incrementAndGet();
  }

  /** Messages handed to the publishers so far. */
  long sent() {
    return sent.get();
  }

  /** Messages the broker has taken (plain PUBACK) so far. */
  long taken() {
    return taken.get();
  }

  /** PUBACKs with 0x10, each message sent again. */
  long untaken() {
    return publishers.stream().mapToLong(ResumingPublisher::untaken).sum();
  }

  /** The time stamps (epoch ms) of bed {@code bed}'s messages the broker took. */
  synchronized long[] takenTimes(int bed) {
    return Arrays.copyOf(takenTs[bed], takenCount[bed]);
  }

  List<String> beds() {
    return beds;
  }

  /** Stops publishing new messages; what is queued or in flight still goes out. */
  void stop() {
    messagesPerSecond = 0;
  }

  @Override
  public void close() throws MqttException {
    pacer.shutdownNow();
    for (ResumingPublisher p : publishers) {
      p.close();
    }
  }
}

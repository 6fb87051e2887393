package org.caregrid.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.caregrid.core.codec.CompactJsonCodec;
import org.caregrid.sim.device.CareBed;
import org.caregrid.sim.district.District;
import org.caregrid.sim.transport.MqttSender;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the care beds of a district against a broker: each reports on its own interval, and now and
 * then one resident has a tachycardia episode, so the demo shows alerts arriving.
 */
public final class DistrictSimulation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DistrictSimulation.class);
  private static final Duration EPISODE = Duration.ofSeconds(60);
  private static final int CONNECT_THREADS = 16;

  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "caregrid-sim");
            t.setDaemon(true);
            return t;
          });
  private final CompactJsonCodec codec = new CompactJsonCodec();
  private final List<MqttSender> senders = new ArrayList<>();
  private final List<CareBed> beds = new ArrayList<>();
  private final Random random;

  public DistrictSimulation(long seed) {
    this.random = new Random(seed);
  }

  /**
   * Connects every bed of {@code district} and starts reporting.
   *
   * @param firstEpisodeAfter when the first tachycardia episode starts
   * @param episodeEvery how often another one starts
   */
  public void start(
      District district,
      String brokerUrl,
      Duration reportEvery,
      Duration firstEpisodeAfter,
      Duration episodeEvery)
      throws MqttException, InterruptedException {
    for (District.Home home : district.homes()) {
      for (District.DeviceSpec device : home.devices()) {
        if (device.kind().equals("care_bed")) {
          beds.add(new CareBed(device.uid(), random.nextLong()));
        }
      }
    }
    senders.addAll(connectAll(brokerUrl));
    for (int i = 0; i < beds.size(); i++) {
      CareBed bed = beds.get(i);
      MqttSender sender = senders.get(i);
      long offset = random.nextInt((int) Math.max(1, reportEvery.toMillis()));
      // Cancelled by shutdownNow() in close().
      ScheduledFuture<?> unused =
          scheduler.scheduleAtFixedRate(
              () -> report(bed, sender), offset, reportEvery.toMillis(), TimeUnit.MILLISECONDS);
    }
    ScheduledFuture<?> unused =
        scheduler.scheduleAtFixedRate(
            this::episode,
            firstEpisodeAfter.toMillis(),
            episodeEvery.toMillis(),
            TimeUnit.MILLISECONDS);
    LOG.info("Simulating {} care beds against {}", beds.size(), brokerUrl);
  }

  /** Connects every bed at once: one at a time, a few hundred devices take many seconds. */
  private List<MqttSender> connectAll(String brokerUrl) throws MqttException, InterruptedException {
    ExecutorService connecting = Executors.newFixedThreadPool(CONNECT_THREADS);
    try {
      List<Future<MqttSender>> pending = new ArrayList<>();
      for (CareBed bed : beds) {
        pending.add(connecting.submit(() -> MqttSender.connect(brokerUrl, bed.uid(), null)));
      }
      List<MqttSender> connected = new ArrayList<>();
      for (Future<MqttSender> f : pending) {
        try {
          connected.add(f.get());
        } catch (ExecutionException e) {
          connected.forEach(this::closeQuietly);
          if (e.getCause() instanceof MqttException mqtt) {
            throw mqtt;
          }
          throw new IllegalStateException("could not connect a simulated device", e.getCause());
        }
      }
      return connected;
    } finally {
      connecting.shutdownNow();
    }
  }

  private void report(CareBed bed, MqttSender sender) {
    try {
      sender.telemetry(codec.encode(bed.report(Instant.now())));
    } catch (MqttException | RuntimeException e) {
      LOG.debug("{} could not publish: {}", bed.uid(), e.getMessage());
    }
  }

  private void episode() {
    if (beds.isEmpty()) {
      return;
    }
    CareBed bed = beds.get(random.nextInt(beds.size()));
    bed.startTachycardia(Instant.now(), EPISODE);
    LOG.info("Scenario: tachycardia episode on {}", bed.uid());
  }

  /** Stops reporting and takes every device offline, all at once as in {@link #connectAll}. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    ExecutorService closing = Executors.newFixedThreadPool(CONNECT_THREADS);
    senders.forEach(s -> closing.execute(() -> closeQuietly(s)));
    closing.shutdown();
    try {
      if (!closing.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Some simulated devices did not disconnect within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeQuietly(MqttSender sender) {
    try {
      sender.close();
    } catch (MqttException e) {
      LOG.debug("closing a device connection: {}", e.getMessage());
    }
  }
}

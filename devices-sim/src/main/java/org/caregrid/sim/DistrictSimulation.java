package org.caregrid.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
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
      throws MqttException {
    for (District.Home home : district.homes()) {
      for (District.DeviceSpec device : home.devices()) {
        if (!device.kind().equals("care_bed")) {
          continue;
        }
        CareBed bed = new CareBed(device.uid(), random.nextLong());
        MqttSender sender = MqttSender.connect(brokerUrl, device.uid(), null);
        beds.add(bed);
        senders.add(sender);
        long offset = random.nextInt((int) Math.max(1, reportEvery.toMillis()));
        // Cancelled by shutdownNow() in close().
        ScheduledFuture<?> unused =
            scheduler.scheduleAtFixedRate(
                () -> report(bed, sender), offset, reportEvery.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    ScheduledFuture<?> unused =
        scheduler.scheduleAtFixedRate(
            this::episode,
            firstEpisodeAfter.toMillis(),
            episodeEvery.toMillis(),
            TimeUnit.MILLISECONDS);
    LOG.info("Simulating {} care beds against {}", beds.size(), brokerUrl);
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

  @Override
  public void close() {
    scheduler.shutdownNow();
    for (MqttSender s : senders) {
      try {
        s.close();
      } catch (MqttException e) {
        LOG.debug("closing a device connection: {}", e.getMessage());
      }
    }
  }
}

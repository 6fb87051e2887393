package org.caregrid.bench.ha;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.caregrid.bench.alerts.SosLedger;
import org.caregrid.bench.district.BenchDistrict;
import org.caregrid.bench.rig.WallClock;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Residents pressing their SOS pendants all through the run, each once, at a steady pace, through a
 * {@link ResumingPublisher}: a press made while the broker restarts is sent when it is back. Each
 * press is written to the ledger just before it is handed to the publisher.
 */
final class Presses implements AutoCloseable {
  private final ResumingPublisher publisher;
  private final SosLedger ledger;
  private final Iterator<Integer> residents;
  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong taken = new AtomicLong();
  private final long start = System.nanoTime();
  private final double perSecond;
  private long pressed;
  private volatile boolean stopped;

  Presses(String brokerUrl, SosLedger ledger, List<Integer> residents, double perSecond)
      throws MqttException {
    this.publisher = new ResumingPublisher(brokerUrl, "bench-ha-sos");
    this.ledger = ledger;
    this.residents = residents.iterator();
    this.perSecond = perSecond;
    pacer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
    while (!stopped && pressed < due && residents.hasNext()) {
      press(residents.next());
      pressed++;
    }
  }

  private void press(int resident) {
    long epochMicros = WallClock.micros();
    ledger.pressed(resident, System.nanoTime(), epochMicros, true);
    publisher.publish(
        "care/" + BenchDistrict.pendant(resident) + "/event",
        "{\"ts\":" + epochMicros / 1000 + ",\"seq\":0,\"type\":\"sos\"}",
        taken::incrementAndGet);
  }

  /** Presses the broker has taken. */
  long taken() {
    return taken.get();
  }

  /** Whether every resident has pressed: the run was longer than the district. */
  boolean exhausted() {
    return !residents.hasNext();
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void close() throws MqttException {
    pacer.shutdownNow();
    publisher.close();
  }
}

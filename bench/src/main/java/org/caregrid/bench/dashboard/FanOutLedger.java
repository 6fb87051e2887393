package org.caregrid.bench.dashboard;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.caregrid.bench.rig.WallClock;

/**
 * Alert changes the bench caused and which SSE clients have received each. A change is expected
 * just before its triggering request is sent, and that instant (the bench's monotonic clock, the
 * same process as the clients) is where its latency starts; each client's first event for the
 * change's alert after that ends it. One change per alert is outstanding at a time.
 */
final class FanOutLedger {
  private final int clients;
  private final Map<Long, Change> outstanding = new ConcurrentHashMap<>();
  private final Histogram micros = new Histogram(3);
  private final Histogram responseMicros = new Histogram(3);
  private final Map<Long, Long> serverEventMicros = new HashMap<>();
  private final Map<Long, long[]> receiptsByEvent = new HashMap<>(); // event id -> wall micros
  private final AtomicLong unmatched = new AtomicLong();
  private long measuredReceipts;
  private long measuredChanges;
  private long incomplete;

  FanOutLedger(int clients) {
    this.clients = clients;
  }

  /** One change in flight: its alert, when its request was sent, who has it. */
  final class Change {
    final long alertId;
    final boolean measured;
    final long sentNanos = System.nanoTime();
    final long sentWallMicros = WallClock.micros();
    private final BitSet received = new BitSet();
    private final CountDownLatch all = new CountDownLatch(clients);
    private long eventId = -1;

    private Change(long alertId, boolean measured) {
      this.alertId = alertId;
      this.measured = measured;
    }

    /** The triggering request's answer arrived (on the bench's clock). */
    void responded(long nanos) {
      if (measured) {
        synchronized (FanOutLedger.this) {
          responseMicros.recordValue(Math.max(1, (nanos - sentNanos) / 1000));
        }
      }
    }

    /** Waits until every client has the change; false if some had not by the deadline. */
    boolean await(long millis) throws InterruptedException {
      boolean done = all.await(millis, TimeUnit.MILLISECONDS);
      outstanding.remove(alertId, this);
      synchronized (FanOutLedger.this) {
        if (measured) {
          measuredChanges++;
          if (!done) {
            incomplete++;
          }
        }
      }
      return done;
    }
  }

  /** Call just before sending the request that changes {@code alertId}. */
  Change expect(long alertId, boolean measured) {
    Change c = new Change(alertId, measured);
    if (outstanding.putIfAbsent(alertId, c) != null) {
      throw new IllegalStateException("a change of alert " + alertId + " is still outstanding");
    }
    return c;
  }

  /** An {@code alert} event arrived at {@code client}; {@code eventId} is its SSE {@code id}. */
  void received(int client, long eventId, long alertId, long nanos, long wallMicros) {
    Change c = outstanding.get(alertId);
    if (c == null || nanos < c.sentNanos) {
      unmatched.incrementAndGet();
      return;
    }
    synchronized (this) {
      if (c.received.get(client)) {
        unmatched.incrementAndGet();
        return;
      }
      c.received.set(client);
      c.eventId = eventId;
      if (c.measured) {
        micros.recordValue(Math.max(1, (nanos - c.sentNanos) / 1000));
        measuredReceipts++;
        if (eventId >= 0) {
          receiptsByEvent.computeIfAbsent(eventId, k -> new long[] {c.sentWallMicros, 0, 0});
          long[] r = receiptsByEvent.get(eventId);
          r[1] += wallMicros;
          r[2]++;
        }
      }
    }
    c.all.countDown();
  }

  /** Events that matched no outstanding change (or repeated one for the same client). */
  long unmatched() {
    return unmatched.get();
  }

  synchronized long measuredReceipts() {
    return measuredReceipts;
  }

  synchronized long measuredChanges() {
    return measuredChanges;
  }

  /** Measured changes some client had not received by the deadline. */
  synchronized long incomplete() {
    return incomplete;
  }

  synchronized double percentileMs(double p) {
    return micros.getValueAtPercentile(p) / 1000.0;
  }

  /** The triggering requests' own response times: the change is committed by then. */
  synchronized double responsePercentileMs(double p) {
    return responseMicros.getValueAtPercentile(p) / 1000.0;
  }

  synchronized double maxMs() {
    return micros.getMaxValue() / 1000.0;
  }

  /** The SSE ids (alert_event ids) of the measured changes. */
  synchronized long[] eventIds() {
    return receiptsByEvent.keySet().stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * Splits each measured change at its audit row's time ({@code alert_event.at}, the platform's
   * clock on this machine): request sent to that instant, and that instant to the mean receipt.
   *
   * @return {p50, p99} of sent→event and of event→mean receipt, in ms; empty if no ids
   */
  synchronized double[] splitAt(Map<Long, Long> eventAtMicros) {
    serverEventMicros.putAll(eventAtMicros);
    Histogram before = new Histogram(3);
    Histogram after = new Histogram(3);
    receiptsByEvent.forEach(
        (id, r) -> {
          Long at = serverEventMicros.get(id);
          if (at != null && r[2] > 0) {
            before.recordValue(Math.max(1, at - r[0]));
            after.recordValue(Math.max(1, r[1] / r[2] - at));
          }
        });
    if (before.getTotalCount() == 0) {
      return new double[0];
    }
    return new double[] {
      before.getValueAtPercentile(50) / 1000.0,
      before.getValueAtPercentile(99) / 1000.0,
      after.getValueAtPercentile(50) / 1000.0,
      after.getValueAtPercentile(99) / 1000.0
    };
  }
}

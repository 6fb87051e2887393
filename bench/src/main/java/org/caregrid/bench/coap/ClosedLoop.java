package org.caregrid.bench.coap;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Drives devices in a closed loop: {@code concurrency} chains, each sending its next request as
 * soon as the last one is answered, from the next of its own devices (chain {@code c} has devices
 * {@code c}, {@code c + concurrency}, ...). With concurrency equal to the device count, every
 * device posts again as soon as it has its answer.
 */
final class ClosedLoop {
  /** The longest a confirmable request can wait for its answer (RFC 7252's MAX_TRANSMIT_WAIT). */
  private static final Duration LAST_ANSWER = Duration.ofSeconds(100);

  private final DtlsDevices devices;
  private final URI target;
  private final int concurrency;

  ClosedLoop(DtlsDevices devices, URI target, int concurrency) {
    this.devices = devices;
    this.target = target;
    this.concurrency = Math.min(concurrency, devices.size());
  }

  /** Each device posts once: for the handshakes, {@code concurrency} at a time. */
  Tally once() throws InterruptedException {
    return drive(Long.MAX_VALUE, true);
  }

  /** Posts for {@code length}, then waits for the requests still out. */
  Tally run(Duration length) throws InterruptedException {
    return drive(System.nanoTime() + length.toNanos(), false);
  }

  private Tally drive(long end, boolean once) throws InterruptedException {
    Tally tally = new Tally(end);
    CountDownLatch chains = new CountDownLatch(concurrency);
    for (int c = 0; c < concurrency; c++) {
      new Chain(c, end, once, tally, chains).next();
    }
    long wait = once ? TimeUnit.MINUTES.toNanos(10) : end - System.nanoTime();
    if (!chains.await(wait + LAST_ANSWER.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException("requests still unanswered after " + LAST_ANSWER);
    }
    return tally;
  }

  private final class Chain {
    private final int first;
    private final int length;
    private final long end;
    private final boolean once;
    private final Tally tally;
    private final CountDownLatch chains;
    private int sent;

    Chain(int first, long end, boolean once, Tally tally, CountDownLatch chains) {
      this.first = first;
      this.length = (devices.size() - first + concurrency - 1) / concurrency;
      this.end = end;
      this.once = once;
      this.tally = tally;
      this.chains = chains;
    }

    /** Called again from the answer's callback: one request of a chain is out at a time. */
    void next() {
      if (once ? sent == length : System.nanoTime() >= end) {
        chains.countDown();
        return;
      }
      int device = first + (sent % length) * concurrency;
      sent++;
      devices.post(
          device,
          target,
          answer -> {
            tally.add(answer);
            next();
          });
    }
  }
}

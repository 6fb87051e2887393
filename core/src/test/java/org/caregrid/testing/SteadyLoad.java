package org.caregrid.testing;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One device publishing telemetry at a steady rate, a bounded number of messages, each with its own
 * time and {@code seq}, for fault tests that need load while something breaks.
 */
public final class SteadyLoad implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger sent = new AtomicInteger();
  private final ScheduledFuture<?> publishing;
  private volatile Exception failure;

  /** Publishes one message and returns once the broker has acknowledged it. */
  @FunctionalInterface
  public interface Sender {
    void send(String topic, String payload) throws Exception;
  }

  /**
   * Starts publishing {@code messages} messages of 4 readings on {@code care/{device}/telemetry},
   * one every {@code everyMicros}; times start {@code startMillis} and step 10 ms.
   */
  public SteadyLoad(
      TestDevices devices, String device, int messages, long everyMicros, long startMillis) {
    this(devices::publish, device, messages, everyMicros, startMillis);
  }

  /** The same through any {@code sender}: e.g. a device that resumes its session. */
  public SteadyLoad(
      Sender sender, String device, int messages, long everyMicros, long startMillis) {
    String topic = "care/" + device + "/telemetry";
    publishing =
        timer.scheduleAtFixedRate(
            () -> {
              int i = sent.get();
              if (i < messages) {
                try {
                  sender.send(topic, payload(startMillis + i * 10L, i));
                  sent.incrementAndGet();
                } catch (Exception e) {
                  failure = e;
                  throw new IllegalStateException(e);
                }
              }
            },
            0,
            everyMicros,
            TimeUnit.MICROSECONDS);
  }

  /** Messages the broker has acknowledged so far. */
  public int sent() {
    // The timer stops at the first failure: say why, rather than let a wait time out.
    if (failure != null) {
      throw new IllegalStateException("publishing stopped after " + sent.get(), failure);
    }
    return sent.get();
  }

  /** Runs {@code task} on the load's own timer after {@code seconds}: to end an outage on time. */
  public <T> ScheduledFuture<T> after(long seconds, java.util.concurrent.Callable<T> task) {
    return timer.schedule(task, seconds, TimeUnit.SECONDS);
  }

  private static String payload(long ts, int seq) {
    return "{\"ts\":%d,\"seq\":%d,\"m\":{\"hr\":%d,\"rr\":14,\"in_bed\":1,\"movement\":3}}"
        .formatted(ts, seq, 60 + seq % 30);
  }

  @Override
  public void close() {
    publishing.cancel(false);
    timer.shutdownNow();
  }
}

package org.caregrid.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.caregrid.core.error.Reason;
import org.caregrid.core.metrics.Transport;
import org.caregrid.ingest.metrics.IngestMetrics.Adoption;

/** Ingest meters; the names follow STYLE §5.4. */
public final class MicrometerIngestMetrics implements IngestMetrics {
  static final String MESSAGES = "caregrid.ingest.messages";
  static final String REJECTED = "caregrid.ingest.rejected";
  static final String READINGS_WRITTEN = "caregrid.ingest.readings.written";
  static final String BATCH_READINGS = "caregrid.ingest.batch.readings";
  static final String COMMIT_DURATION = "caregrid.ingest.commit.duration";
  static final String PUBLISH_TO_COMMIT = "caregrid.ingest.publish.to.commit";
  static final String WRITE_FAILURES = "caregrid.ingest.write.failures";
  static final String UNACKED = "caregrid.ingest.unacked.messages";
  static final String SEQ_MISSING = "caregrid.ingest.seq.missing";
  static final String BACKLOG = "caregrid.ingest.backlog.readings";
  static final String DEVICES_ONLINE = "caregrid.ingest.devices.online";
  static final String PSK_UNREADABLE = "caregrid.ingest.psk.unreadable";
  static final String ADOPTIONS = "caregrid.ingest.session.adoptions";
  static final String ADOPTED = "caregrid.ingest.session.adopted.messages";
  static final String REGISTRY_DEVICES = "caregrid.ingest.registry.devices";
  static final String REGISTRY_LOAD = "caregrid.ingest.registry.load.seconds";

  private final MeterRegistry registry;
  private final Map<Transport, Map<MessageKind, Counter>> received = new EnumMap<>(Transport.class);
  private final Map<Transport, Map<Reason, Counter>> rejected = new EnumMap<>(Transport.class);
  private final Counter written;
  private final DistributionSummary batch;
  private final Timer commit;
  private final Timer publishToCommit;
  private final Counter writeFailures;
  private final Counter seqMissing;
  private final Map<Adoption, Counter> adoptions = new EnumMap<>(Adoption.class);
  private final Counter adopted;

  public MicrometerIngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Transport t : Transport.values()) {
      Map<MessageKind, Counter> byKind = new EnumMap<>(MessageKind.class);
      for (MessageKind k : MessageKind.values()) {
        byKind.put(k, registry.counter(MESSAGES, Tags.of(t.tag(), k.tag())));
      }
      received.put(t, byKind);
      Map<Reason, Counter> byReason = new EnumMap<>(Reason.class);
      for (Reason r : Reason.values()) {
        byReason.put(r, registry.counter(REJECTED, Tags.of(t.tag()).and("reason", r.label())));
      }
      rejected.put(t, byReason);
    }
    written = registry.counter(READINGS_WRITTEN);
    batch = DistributionSummary.builder(BATCH_READINGS).register(registry);
    commit = Timer.builder(COMMIT_DURATION).publishPercentiles(0.5, 0.99).register(registry);
    publishToCommit =
        Timer.builder(PUBLISH_TO_COMMIT)
            .publishPercentiles(0.5, 0.99)
            .maximumExpectedValue(Duration.ofMinutes(5))
            .register(registry);
    writeFailures = registry.counter(WRITE_FAILURES);
    seqMissing = registry.counter(SEQ_MISSING);
    for (Adoption a : Adoption.values()) {
      adoptions.put(a, registry.counter(ADOPTIONS, "outcome", a.label()));
    }
    adopted = registry.counter(ADOPTED);
  }

  @Override
  public void adoption(Adoption outcome) {
    adoptions.get(outcome).increment();
  }

  @Override
  public void adopted(int messages) {
    adopted.increment(messages);
  }

  @Override
  public void received(Transport transport, MessageKind kind) {
    received.get(transport).get(kind).increment();
  }

  @Override
  public void rejected(Transport transport, Reason reason) {
    rejected.get(transport).get(reason).increment();
  }

  @Override
  public void committed(int readings, long nanos) {
    written.increment(readings);
    batch.record(readings);
    commit.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void publishToCommit(long ageMillis) {
    publishToCommit.record(Math.max(0, ageMillis), TimeUnit.MILLISECONDS);
  }

  @Override
  public void writeFailed() {
    writeFailures.increment();
  }

  @Override
  public void seqGap(long missing) {
    seqMissing.increment((double) missing);
  }

  @Override
  public void backlogGauge(Supplier<Number> readings) {
    Gauge.builder(BACKLOG, readings).register(registry);
  }

  @Override
  public void onlineGauge(Supplier<Number> devices) {
    Gauge.builder(DEVICES_ONLINE, devices).register(registry);
  }

  @Override
  public void unreadableKeysGauge(Supplier<Number> devices) {
    Gauge.builder(PSK_UNREADABLE, devices).register(registry);
  }

  @Override
  public void registryGauges(Supplier<Number> devices, Supplier<Number> lastLoadSeconds) {
    Gauge.builder(REGISTRY_DEVICES, devices).register(registry);
    Gauge.builder(REGISTRY_LOAD, lastLoadSeconds).register(registry);
  }

  @Override
  public void unackedGauge(Transport transport, Supplier<Number> unacked) {
    Gauge.builder(UNACKED, unacked).tags(Tags.of(transport.tag())).register(registry);
  }
}

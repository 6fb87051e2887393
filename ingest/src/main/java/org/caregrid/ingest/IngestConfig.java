package org.caregrid.ingest;

import java.time.Duration;
import org.caregrid.core.config.ConfigException;
import org.caregrid.ingest.store.CopyFormat;

/**
 * The {@code ingest:} section.
 *
 * @param mqtt how ingest consumes from the broker
 * @param coap the CoAP server
 * @param writer how readings are batched into the database
 * @param limits what ingest accepts
 * @param registryRefresh how often the device registry is reloaded whole, in case a change
 *     notification was lost (notifications keep it current: a device works the moment its enrolment
 *     commits, and stops the moment it is deactivated)
 */
public record IngestConfig(
    Mqtt mqtt, Coap coap, Writer writer, Limits limits, Duration registryRefresh) {

  /**
   * How ingest consumes from the broker ({@code ingest.mqtt}).
   *
   * @param connections Paho connections in the shared-subscription group for telemetry (events and
   *     status have one more of their own); each holds at most {@code receiveMaximum}
   *     unacknowledged messages
   * @param receiveMaximum the MQTT 5 Receive Maximum asked of the broker
   * @param sessionExpiry how long the broker keeps the session (and queued messages) while ingest
   *     is away
   */
  public record Mqtt(
      int connections,
      String clientIdPrefix,
      String shareGroup,
      int receiveMaximum,
      Duration sessionExpiry) {
    public Mqtt {
      if (connections < 1 || connections > 64) {
        throw new ConfigException("ingest.mqtt.connections must be 1..64, got: " + connections);
      }
      if (receiveMaximum < 1 || receiveMaximum > 65535) {
        throw new ConfigException(
            "ingest.mqtt.receive-maximum must be 1..65535, got: " + receiveMaximum);
      }
    }
  }

  /**
   * The CoAP server ({@code ingest.coap}).
   *
   * @param securePort UDP port for CoAP over DTLS with pre-shared keys
   * @param port UDP port for plain CoAP, opened only when {@code insecure}
   * @param insecure accept plain CoAP, the device named by {@code ?d=}: for tests on a closed net
   * @param separateAfter a confirmable request not answered by then gets an empty ACK first
   * @param retryAfter the Max-Age of a 5.03 when the writer is full
   */
  public record Coap(
      boolean enabled,
      String host,
      int securePort,
      int port,
      boolean insecure,
      Duration separateAfter,
      Duration retryAfter) {
    public Coap {
      if (securePort < 0 || securePort > 65535 || port < 0 || port > 65535) {
        throw new ConfigException("ingest.coap ports must be 0..65535");
      }
    }

    /** The same settings with CoAP switched off: a node that takes MQTT only opens no UDP port. */
    public Coap disabled() {
      return new Coap(false, host, securePort, port, insecure, separateAfter, retryAfter);
    }
  }

  /**
   * How readings are batched into the database ({@code ingest.writer}).
   *
   * @param batchSize readings per COPY; a batch is written when it is this full...
   * @param maxAge ...or when its oldest reading has waited this long
   * @param maxInFlight batches being written at once
   * @param capacity readings accepted but not yet committed beyond which CoAP answers 5.03 (MQTT
   *     needs no such bound: unacknowledged messages stay with the broker)
   * @param format how rows are encoded for COPY
   */
  public record Writer(
      int batchSize, Duration maxAge, int maxInFlight, int capacity, CopyFormat format) {
    public Writer {
      if (batchSize < 1) {
        throw new ConfigException("ingest.writer.batch-size must be positive, got: " + batchSize);
      }
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new ConfigException("ingest.writer.max-age must be positive, got: " + maxAge);
      }
      if (capacity < batchSize) {
        throw new ConfigException(
            "ingest.writer.capacity must be at least batch-size, got: " + capacity);
      }
      if (maxInFlight < 1) {
        throw new ConfigException(
            "ingest.writer.max-in-flight must be positive, got: " + maxInFlight);
      }
      if (format == null) {
        throw new ConfigException("ingest.writer.format must be binary or text");
      }
    }

    /** The same settings with another COPY format. */
    public Writer withFormat(CopyFormat other) {
      return new Writer(batchSize, maxAge, maxInFlight, capacity, other);
    }
  }

  /**
   * What ingest accepts ({@code ingest.limits}); anything else is rejected with a reason.
   *
   * @param maxPayloadBytes larger payloads are rejected before they are parsed
   * @param futureSkew readings stamped further ahead than this are rejected (device clock wrong)
   * @param retention readings older than this are rejected, and dropped from storage once older
   * @param rejectedKept how many rejected messages the {@code rejected_message} table keeps
   */
  public record Limits(
      int maxPayloadBytes, Duration futureSkew, Duration retention, int rejectedKept) {
    public Limits {
      if (maxPayloadBytes < 64 || maxPayloadBytes > 1 << 20) {
        throw new ConfigException(
            "ingest.limits.max-payload-bytes must be 64..1048576, got: " + maxPayloadBytes);
      }
      if (retention.compareTo(Duration.ofDays(1)) < 0) {
        throw new ConfigException("ingest.limits.retention must be at least 1d, got: " + retention);
      }
      if (rejectedKept < 0) {
        throw new ConfigException(
            "ingest.limits.rejected-kept must not be negative, got: " + rejectedKept);
      }
    }
  }

  public static IngestConfig defaults() {
    return new IngestConfig(
        new Mqtt(2, "caregrid-ingest", "ingest", 20000, Duration.ofDays(1)),
        new Coap(true, "0.0.0.0", 5684, 5683, false, Duration.ofSeconds(1), Duration.ofSeconds(5)),
        new Writer(5000, Duration.ofMillis(50), 2, 100_000, CopyFormat.BINARY),
        new Limits(16 * 1024, Duration.ofMinutes(5), Duration.ofDays(365), 10_000),
        Duration.ofSeconds(30));
  }

  /** The same settings with another MQTT subsection: tests use their own share group. */
  public IngestConfig withMqtt(Mqtt other) {
    return new IngestConfig(other, coap, writer, limits, registryRefresh);
  }

  /** The same settings with another writer subsection. */
  public IngestConfig withWriter(Writer other) {
    return new IngestConfig(mqtt, coap, other, limits, registryRefresh);
  }

  /** The same settings with another CoAP subsection. */
  public IngestConfig withCoap(Coap other) {
    return new IngestConfig(mqtt, other, writer, limits, registryRefresh);
  }
}

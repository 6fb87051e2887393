package org.caregrid.sim.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;

/**
 * The result of a load run, written as JSON for benchmarks.
 *
 * @param achievedRate messages acknowledged per second of the run
 * @param ackLatencyMs publish to PUBACK (QoS 1), or to the write (QoS 0)
 * @param events injected SOS presses and the station's help requests for them
 */
public record LoadSummary(
    int devices,
    int connections,
    int qos,
    double targetRate,
    double durationS,
    long sent,
    long acknowledged,
    long failed,
    double achievedRate,
    Latency ackLatencyMs,
    Events events) {

  /** Milliseconds. */
  public record Latency(
      long count,
      double p50,
      double p90,
      double p99,
      @JsonProperty("p99_9") double p999,
      double max) {
    static Latency of(Histogram h) {
      return new Latency(
          h.getTotalCount(),
          LatencyRecorder.millis(h.getValueAtPercentile(50)),
          LatencyRecorder.millis(h.getValueAtPercentile(90)),
          LatencyRecorder.millis(h.getValueAtPercentile(99)),
          LatencyRecorder.millis(h.getValueAtPercentile(99.9)),
          LatencyRecorder.millis(h.getMaxValue()));
    }
  }

  /**
   * @param injected SOS presses sent
   * @param alerted presses whose help request reached {@code care/stations/+/alerts}
   * @param latencyMs press (publish) to help request received
   */
  public record Events(long injected, long alerted, Latency latencyMs) {}

  public String toJson() {
    try {
      return new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the summary", e);
    }
  }
}

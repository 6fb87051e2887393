package org.caregrid.sim.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plays a scenario's steps through its devices' links: compact JSON telemetry and event JSON
 * (DESIGN §4) stamped by the {@link Timeline} plus each device's clock skew, with a per-device
 * sequence number. While time passes, every device with a regular report sends it on its interval,
 * as firmware does, so the platform sees them alive.
 */
public final class ScenarioRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Scenario scenario;
  private final Timeline timeline;
  private final Map<String, Device> devices = new LinkedHashMap<>();
  private final Consumer<Long> beforeTimePasses;
  private long published;
  private long readings;

  /** One device's state while the scenario runs. */
  private static final class Device {
    final ScenarioDevice spec;
    final Uplink link;
    Map<String, Double> report;
    long seq;
    long lastTs = Long.MIN_VALUE;
    Instant nextReport;
    boolean silent;
    String lastChannel;
    byte[] last;

    Device(ScenarioDevice spec, Uplink link) {
      this.spec = spec;
      this.link = link;
      this.report = spec.report();
    }
  }

  /**
   * @param links each device's link, by the scenario's device name
   * @param beforeTimePasses told how many messages were sent before time moves on; on a simulated
   *     clock a test waits there until the platform has taken them, so the clock never runs ahead
   *     of what the platform has seen
   */
  public ScenarioRunner(
      Scenario scenario,
      Timeline timeline,
      Map<String, Uplink> links,
      Consumer<Long> beforeTimePasses) {
    this.scenario = scenario;
    this.timeline = timeline;
    this.beforeTimePasses = beforeTimePasses;
    for (ScenarioDevice d : scenario.devices()) {
      Uplink link = links.get(d.name());
      if (link == null) {
        throw new IllegalArgumentException("no link for device " + d.name());
      }
      devices.put(d.name(), new Device(d, link));
    }
  }

  /** Runs every step; each message is sent before the next step starts. */
  public void run() throws Exception {
    Instant start = timeline.now();
    for (Device d : devices.values()) {
      if (d.spec.reports()) {
        sendReport(d);
        d.nextReport = start.plus(d.spec.every());
      }
    }
    for (Step step : scenario.steps()) {
      Device d = step.device() == null ? null : devices.get(step.device());
      switch (step.action()) {
        case WAIT -> pass(step.waitFor());
        case EVENT -> send(d, "event", event(d, step), false);
        case TELEMETRY -> send(d, "telemetry", telemetry(d, step.telemetry()), false);
        case REPORT -> {
          d.report = Map.copyOf(step.report());
          sendReport(d);
        }
        case RAW -> {
          String text = step.raw().replace("{ts}", Long.toString(stamp(d)));
          send(d, step.channel(), text.getBytes(StandardCharsets.UTF_8), false);
        }
        case REDELIVER -> {
          if (d.last == null) {
            throw new IllegalStateException(d.spec.name() + " has sent nothing to redeliver");
          }
          for (int i = 0; i < step.redeliver(); i++) {
            send(d, d.lastChannel, d.last, true);
          }
        }
        case SILENCE -> d.silent = true;
      }
    }
  }

  /** Messages sent, redeliveries included. */
  public long published() {
    return published;
  }

  /** Readings sent in telemetry messages, each counted once however often it was redelivered. */
  public long readings() {
    return readings;
  }

  /** Lets {@code duration} pass, sending each regular report when it falls due. */
  private void pass(Duration duration) throws Exception {
    Instant end = timeline.now().plus(duration);
    while (true) {
      Device next = null;
      for (Device d : devices.values()) {
        if (d.nextReport != null
            && !d.silent
            && (next == null || d.nextReport.isBefore(next.nextReport))) {
          next = d;
        }
      }
      Instant until = next == null || next.nextReport.isAfter(end) ? end : next.nextReport;
      Duration step = Duration.between(timeline.now(), until);
      if (!step.isNegative() && !step.isZero()) {
        beforeTimePasses.accept(published);
        timeline.pass(step);
      }
      if (next == null || next.nextReport.isAfter(end)) {
        return;
      }
      sendReport(next);
      next.nextReport = next.nextReport.plus(next.spec.every());
    }
  }

  private void sendReport(Device d) throws Exception {
    if (!d.silent && !d.report.isEmpty()) {
      send(d, "telemetry", telemetry(d, d.report), false);
    }
  }

  private byte[] telemetry(Device d, Map<String, Double> values) {
    ObjectNode msg = JSON.createObjectNode().put("ts", stamp(d)).put("seq", d.seq++);
    ObjectNode m = msg.putObject("m");
    values.forEach(
        (metric, v) -> {
          if (v == Math.rint(v)) {
            m.put(metric, v.longValue());
          } else {
            m.put(metric, v);
          }
        });
    readings += values.size();
    return bytes(msg);
  }

  private byte[] event(Device d, Step step) {
    ObjectNode msg =
        JSON.createObjectNode().put("ts", stamp(d)).put("seq", d.seq++).put("type", step.event());
    if (!step.data().isEmpty()) {
      msg.set("data", JSON.valueToTree(new HashMap<>(step.data())));
    }
    return bytes(msg);
  }

  /** The device's time for a new message: its skewed clock, never twice the same millisecond. */
  private long stamp(Device d) {
    long ts = Math.max(timeline.now().plus(d.spec.skew()).toEpochMilli(), d.lastTs + 1);
    d.lastTs = ts;
    return ts;
  }

  private void send(Device d, String channel, byte[] payload, boolean again) throws Exception {
    if (d.silent) {
      return;
    }
    d.link.send(channel, payload);
    published++;
    if (!again) {
      d.lastChannel = channel;
      d.last = payload;
    }
  }

  private static byte[] bytes(ObjectNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }
}

package org.caregrid.sim.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One step of a scenario: exactly one action, by {@code device} unless it is a wait.
 *
 * @param waitFor let this much time pass, the reporting devices reporting as they go
 * @param event send this event type ({@code sos}, {@code fall}...) with {@code data}
 * @param telemetry send these readings once, leaving the regular report as it was (a spike)
 * @param report change the device's regular report to these readings and send it now
 * @param raw send these bytes as they are on {@code channel} ({@code {ts}} becomes the time)
 * @param redeliver send the device's last message again this many times, byte for byte
 * @param silence the device stops sending anything
 */
public record Step(
    String device,
    @JsonProperty("wait") Duration waitFor,
    String event,
    Map<String, Object> data,
    Map<String, Double> telemetry,
    Map<String, Double> report,
    String raw,
    String channel,
    Integer redeliver,
    Boolean silence) {

  /** What a step does. */
  public enum Action {
    WAIT,
    EVENT,
    TELEMETRY,
    REPORT,
    RAW,
    REDELIVER,
    SILENCE
  }

  public Step {
    data = Map.copyOf(data == null ? Map.of() : data);
    channel = channel == null ? "telemetry" : channel;
    List<Action> actions = new ArrayList<>();
    if (waitFor != null) {
      actions.add(Action.WAIT);
    }
    if (event != null) {
      actions.add(Action.EVENT);
    }
    if (telemetry != null) {
      actions.add(Action.TELEMETRY);
    }
    if (report != null) {
      actions.add(Action.REPORT);
    }
    if (raw != null) {
      actions.add(Action.RAW);
    }
    if (redeliver != null) {
      actions.add(Action.REDELIVER);
    }
    if (Boolean.TRUE.equals(silence)) {
      actions.add(Action.SILENCE);
    }
    if (actions.size() != 1) {
      throw new IllegalArgumentException("a step does one thing, this one: " + actions);
    }
    if (actions.get(0) != Action.WAIT && device == null) {
      throw new IllegalArgumentException("a " + actions.get(0) + " step needs a device");
    }
    if (!List.of("telemetry", "event", "status").contains(channel)) {
      throw new IllegalArgumentException("channel must be telemetry, event or status: " + channel);
    }
  }

  public Action action() {
    if (waitFor != null) {
      return Action.WAIT;
    } else if (event != null) {
      return Action.EVENT;
    } else if (telemetry != null) {
      return Action.TELEMETRY;
    } else if (report != null) {
      return Action.REPORT;
    } else if (raw != null) {
      return Action.RAW;
    } else if (redeliver != null) {
      return Action.REDELIVER;
    }
    return Action.SILENCE;
  }
}

package org.caregrid.sim.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scripted situation in a home: the devices, what they send step by step, and what the platform
 * is expected to make of it.
 *
 * @param start the local time in {@code zone} the scenario begins at (a night scenario needs the
 *     home's night); null: any time
 * @param zone the home's time zone (the registry's default, Asia/Shanghai, when not given)
 * @param carePlan the resident's care plan ({@code resident.care_plan}): thresholds that override
 *     the platform's defaults, e.g. {@code hr_high}
 */
public record Scenario(
    String name,
    String description,
    LocalTime start,
    ZoneId zone,
    Map<String, Object> carePlan,
    List<ScenarioDevice> devices,
    List<Step> steps,
    Expectation expect) {
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  public Scenario {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a scenario needs a name");
    }
    description = description == null ? "" : description;
    zone = zone == null ? DEFAULT_ZONE : zone;
    carePlan = Map.copyOf(carePlan == null ? Map.of() : carePlan);
    devices = List.copyOf(devices == null ? List.of() : devices);
    steps = List.copyOf(steps == null ? List.of() : steps);
    expect = expect == null ? Expectation.NOTHING : expect;
    Set<String> names = new HashSet<>();
    for (ScenarioDevice d : devices) {
      if (!names.add(d.name())) {
        throw new IllegalArgumentException(name + ": device " + d.name() + " declared twice");
      }
    }
    for (Step s : steps) {
      if (s.device() != null && !names.contains(s.device())) {
        throw new IllegalArgumentException(name + ": a step names unknown device " + s.device());
      }
    }
  }

  /** The scenario's time from its first step to its last: the sum of its waits. */
  public Duration span() {
    return steps.stream()
        .map(Step::waitFor)
        .filter(w -> w != null)
        .reduce(Duration.ZERO, Duration::plus);
  }

  /**
   * When to begin on a simulated clock so that the whole scenario lies in the past of {@code now}
   * (ingest refuses readings more than a few minutes ahead of its own clock): {@code now - span},
   * or the latest {@link #start} local time that leaves room for the span.
   */
  public Instant startBefore(Instant now) {
    Instant latest = now.minus(span()).minusSeconds(1);
    if (start == null) {
      return latest;
    }
    ZonedDateTime candidate = latest.atZone(zone).with(start);
    if (candidate.toInstant().isAfter(latest)) {
      candidate = candidate.minusDays(1);
    }
    return candidate.toInstant();
  }
}

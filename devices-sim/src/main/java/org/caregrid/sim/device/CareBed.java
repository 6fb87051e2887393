package org.caregrid.sim.device;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.sim.district.District.DeviceSpec;
import org.caregrid.sim.resident.Routine;
import org.caregrid.sim.resident.Whereabouts;
import org.caregrid.sim.signal.VitalProfile;

/**
 * An under-mattress sensor: presence and a movement index always; pulse and breathing only while
 * someone lies on it, with a daily rhythm, noise and artefacts when they turn over. Getting in and
 * out are also events. A tachycardia episode can be started for demos.
 */
public final class CareBed implements SimDevice {
  private static final long EPISODE_PULSE = 142;

  private final DeviceSpec spec;
  private final Routine routine;
  private final VitalProfile vitals;
  private final Random random;
  private Boolean wasInBed;
  private long eventSeq;
  private volatile long episodeUntil;

  public CareBed(DeviceSpec spec, Routine routine, VitalProfile vitals, long seed) {
    this.spec = spec;
    this.routine = routine;
    this.vitals = vitals;
    this.random = new Random(seed);
  }

  @Override
  public DeviceSpec spec() {
    return spec;
  }

  /** For {@code length} from {@code now}, the pulse runs well above the NEWS2 3-point band. */
  public void startTachycardia(Instant now, Duration length) {
    episodeUntil = now.plus(length).toEpochMilli();
  }

  @Override
  public Report report(Instant at) {
    long t = at.toEpochMilli();
    Whereabouts where = routine.at(at);
    boolean inBed = where.inBed() || t < episodeUntil;
    List<DeviceEvent> events = new ArrayList<>(1);
    if (wasInBed != null && wasInBed != inBed) {
      events.add(new DeviceEvent(inBed ? EventType.BED_ENTER : EventType.BED_EXIT, t, eventSeq++));
    }
    wasInBed = inBed;
    List<Reading> readings = new ArrayList<>(4);
    readings.add(new Reading(Metric.IN_BED, t, inBed ? 1 : 0));
    if (!inBed) {
      readings.add(new Reading(Metric.MOVEMENT, t, 0));
      return new Report(readings, events);
    }
    double movement = movement(where);
    readings.add(new Reading(Metric.MOVEMENT, t, Math.round(movement)));
    LocalTime local = routine.localTime(at);
    long pulse =
        t < episodeUntil
            ? EPISODE_PULSE + Math.round(random.nextGaussian() * 4)
            : vitals.pulse(local, where.activity(), movement, random);
    readings.add(new Reading(Metric.HR, t, pulse));
    readings.add(
        new Reading(Metric.RR, t, vitals.respiration(local, where.activity(), movement, random)));
    return new Report(readings, events);
  }

  /** Mostly still, now and then turning over (about one report in twenty asleep). */
  private double movement(Whereabouts where) {
    double turning = where == Whereabouts.ASLEEP ? 0.05 : 0.15;
    if (random.nextDouble() < turning) {
      return 45 + random.nextDouble() * 40;
    }
    double still = where == Whereabouts.ASLEEP ? 4 : 12;
    return Math.max(0, Math.min(35, still + random.nextGaussian() * 3));
  }
}

package org.caregrid.sim.device;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.sim.district.District.DeviceSpec;
import org.caregrid.sim.resident.Routine;
import org.caregrid.sim.resident.Whereabouts;
import org.caregrid.sim.signal.VitalProfile;
import org.caregrid.sim.signal.VitalProfile.Activity;

/**
 * A home vital-signs monitor (oximeter, cuff, thermometer): spot checks a few times a day, morning,
 * afternoon and evening, when the resident is at home and up; otherwise its battery level on each
 * report, so the platform sees it alive.
 */
public final class VitalsMonitor implements SimDevice {
  private static final LocalTime[] CHECKS = {
    LocalTime.of(8, 0), LocalTime.of(14, 30), LocalTime.of(19, 30)
  };
  private static final int CHECK_SPREAD_MIN = 40;

  private final DeviceSpec spec;
  private final Routine routine;
  private final VitalProfile vitals;
  private final long seed;
  private final Random random;
  private final Battery battery;
  private Instant last;
  private long eventSeq;

  public VitalsMonitor(
      DeviceSpec spec, Routine routine, VitalProfile vitals, long seed, Instant start) {
    this.spec = spec;
    this.routine = routine;
    this.vitals = vitals;
    this.seed = seed;
    this.random = new Random(seed);
    this.battery = new Battery(start, 70 + random.nextInt(31), 2);
  }

  @Override
  public DeviceSpec spec() {
    return spec;
  }

  @Override
  public Report report(Instant at) {
    List<Reading> readings = new ArrayList<>(6);
    if (last != null) {
      for (Instant check : checksBetween(last, at)) {
        Whereabouts where = routine.at(check);
        if (where == Whereabouts.AT_HOME) {
          spotCheck(check, readings);
        }
      }
    }
    last = at;
    readings.add(new Reading(Metric.BATTERY, at.toEpochMilli(), battery.level(at)));
    List<DeviceEvent> events = battery.warning(at, eventSeq).stream().toList();
    eventSeq += events.size();
    return new Report(readings, events);
  }

  private void spotCheck(Instant at, List<Reading> readings) {
    long t = at.toEpochMilli();
    LocalTime local = routine.localTime(at);
    readings.add(new Reading(Metric.HR, t, vitals.pulse(local, Activity.RESTING, 0, random)));
    readings.add(new Reading(Metric.SPO2, t, vitals.spo2(random)));
    readings.add(new Reading(Metric.SBP, t, vitals.systolic(local, random)));
    readings.add(new Reading(Metric.DBP, t, vitals.diastolic(local, random)));
    readings.add(new Reading(Metric.TEMP, t, vitals.temp(local, random)));
  }

  /** The day's check times, each moved by up to 40 min as people do, in (from, to]. */
  private List<Instant> checksBetween(Instant from, Instant to) {
    List<Instant> due = new ArrayList<>(1);
    LocalDate first = from.atZone(routine.zone()).toLocalDate();
    LocalDate lastDay = to.atZone(routine.zone()).toLocalDate();
    for (LocalDate d = first; !d.isAfter(lastDay); d = d.plusDays(1)) {
      Random day = new Random(seed * 17 + d.toEpochDay());
      for (LocalTime check : CHECKS) {
        Instant when =
            ZonedDateTime.of(d, check.plusMinutes(day.nextInt(CHECK_SPREAD_MIN)), routine.zone())
                .toInstant();
        if (when.isAfter(from) && !when.isAfter(to)) {
          due.add(when);
        }
      }
    }
    return due;
  }
}

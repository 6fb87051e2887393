package org.caregrid.sim.resident;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One day of a resident's life, in the home's local time: up in the morning, perhaps a nap and an
 * outing or two, to bed in the evening, and a few trips out of bed in the night that follows, each
 * back well within the telecare convention of 30 minutes (research/domain.md §2.3). Waking falls
 * after 06:00 and the night's trips after going to bed, so nothing here looks like a night-time bed
 * exit without return to the platform's default night window (22:00-06:00).
 *
 * @param wake when they get up this morning
 * @param bedtime when they go to bed this evening
 * @param nights trips out of bed in the night after {@code bedtime}, as minutes after it
 */
record DayPlan(
    LocalTime wake, List<Span> naps, List<Span> outings, LocalTime bedtime, List<Span> nights) {

  /** A stretch of the day, in seconds of the day (or, for night trips, seconds after bedtime). */
  record Span(int from, int to) {
    boolean contains(int second) {
      return second >= from && second < to;
    }
  }

  static DayPlan draw(Random random, boolean dementia) {
    LocalTime wake = LocalTime.of(6, 10).plusMinutes(random.nextInt(90));
    LocalTime bedtime = LocalTime.of(21, 0).plusMinutes(random.nextInt(100));
    List<Span> naps = new ArrayList<>();
    if (random.nextDouble() < 0.5) {
      int start = LocalTime.of(13, 0).toSecondOfDay() + random.nextInt(90 * 60);
      naps.add(new Span(start, start + (30 + random.nextInt(60)) * 60));
    }
    List<Span> outings = new ArrayList<>();
    int outingCount = random.nextInt(dementia ? 2 : 3);
    int[] windows = {LocalTime.of(9, 0).toSecondOfDay(), LocalTime.of(15, 30).toSecondOfDay()};
    for (int i = 0; i < outingCount; i++) {
      int start = windows[i] + random.nextInt(60 * 60);
      outings.add(new Span(start, start + (30 + random.nextInt(90)) * 60));
    }
    List<Span> nights = new ArrayList<>();
    int trips = (dementia ? 2 : 0) + random.nextInt(3);
    int cursor = 60 * 60; // not within the first hour asleep
    for (int i = 0; i < trips; i++) {
      int start = cursor + random.nextInt(90 * 60);
      int minutes = 3 + random.nextInt(dementia ? 18 : 10);
      nights.add(new Span(start, start + minutes * 60));
      cursor = start + minutes * 60 + 30 * 60;
    }
    return new DayPlan(wake, naps, outings, bedtime, nights);
  }

  /** Where the resident is at {@code second} of this day, before the night that follows it. */
  Whereabouts daytime(int second) {
    for (Span s : naps) {
      if (s.contains(second)) {
        return Whereabouts.NAPPING;
      }
    }
    for (Span s : outings) {
      if (s.contains(second)) {
        return Whereabouts.OUT;
      }
    }
    return Whereabouts.AT_HOME;
  }

  /** Where the resident is {@code sinceBedtime} seconds into the night after this day. */
  Whereabouts night(int sinceBedtime) {
    for (Span s : nights) {
      if (s.contains(sinceBedtime)) {
        return Whereabouts.UP_AT_NIGHT;
      }
    }
    return Whereabouts.ASLEEP;
  }
}

package org.caregrid.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.Reading;
import org.caregrid.sim.district.District;
import org.caregrid.sim.district.DistrictGenerator;
import org.junit.jupiter.api.Test;

/**
 * Every home's devices over two ordinary days, asked at their report intervals as the simulation
 * does, judged against the platform's default time-based rules (README, Alerting rules): nobody
 * leaves bed in the night window for 30 minutes, nobody living alone shows no sign of movement for
 * 4 h of waking time, no battery runs low, and every value is one ingest accepts.
 */
class QuietDayDevicesTest {
  private static final Instant START = Instant.parse("2026-11-26T16:00:00Z"); // midnight local
  private static final Duration DAYS = Duration.ofDays(2);
  private static final District DISTRICT = new DistrictGenerator(5).generate(100);

  @Test
  void aQuietDayGivesTheTimeBasedRulesNothingToRaise() {
    int spotChecks = 0;
    for (District.Home home : DISTRICT.homes()) {
      List<SimDevice> devices = HomeDevices.of(home, START);
      TreeSet<Long> movement = new TreeSet<>();
      for (SimDevice d : devices) {
        Long bedExitAt = null;
        Double lastInBed = null;
        Double lastMovement = null;
        for (Instant at = START;
            at.isBefore(START.plus(DAYS));
            at = at.plusSeconds(d.spec().intervalSeconds())) {
          Report r = d.report(at);
          for (Reading reading : r.readings()) {
            assertThat(reading.metric().isPlausible(reading.value()))
                .as("%s %s", d.spec().uid(), reading)
                .isTrue();
            switch (reading.metric()) {
              case MOTION -> {
                if (reading.value() > 0) {
                  movement.add(reading.time());
                }
              }
              case IN_BED -> {
                if (lastInBed != null && lastInBed != reading.value()) {
                  movement.add(reading.time());
                }
                lastInBed = reading.value();
              }
              case MOVEMENT -> {
                if (lastMovement != null && lastMovement != reading.value()) {
                  movement.add(reading.time());
                }
                lastMovement = reading.value();
              }
              case SPO2 -> spotChecks++;
              case BATTERY -> assertThat(reading.value()).isGreaterThanOrEqualTo(15);
              default -> {}
            }
          }
          for (DeviceEvent e : r.events()) {
            assertThat(e.type()).isNotEqualTo(EventType.BATTERY_LOW);
            movement.add(e.time());
            if (e.type() == EventType.BED_EXIT && night(e.time())) {
              bedExitAt = e.time();
            } else if (e.type() == EventType.BED_ENTER) {
              if (bedExitAt != null) {
                assertThat(Duration.ofMillis(e.time() - bedExitAt))
                    .as("%s back in bed", d.spec().uid())
                    .isLessThan(Duration.ofMinutes(30));
              }
              bedExitAt = null;
            }
          }
        }
        if (bedExitAt != null) { // a trip under way when the run ends
          assertThat(Duration.ofMillis(START.plus(DAYS).toEpochMilli() - bedExitAt))
              .isLessThan(Duration.ofMinutes(30));
        }
      }
      boolean watched = home.devices().stream().anyMatch(s -> s.kind() == DeviceKind.MOTION_SENSOR);
      if (home.resident().livesAlone() && watched) {
        assertThat(longestWakingGap(movement))
            .as("%s: waking time without movement", home.resident().name())
            .isLessThan(Duration.ofHours(4));
      }
    }
    // three checks a day, a few missed while out
    assertThat(spotChecks).isGreaterThan(DISTRICT.homes().size() * 2 * 2);
  }

  /** The night window of the platform's defaults, 22:00-06:00 in the homes' time zone. */
  private static boolean night(long at) {
    LocalTime t = LocalTime.ofInstant(Instant.ofEpochMilli(at), HomeDevices.ZONE);
    return !t.isBefore(LocalTime.of(22, 0)) || t.isBefore(LocalTime.of(6, 0));
  }

  private static Duration longestWakingGap(TreeSet<Long> signs) {
    List<Long> times = new ArrayList<>(signs);
    times.add(0, START.toEpochMilli());
    long longest = 0;
    for (int i = 1; i < times.size(); i++) {
      long waking = 0;
      for (long t = times.get(i - 1); t < times.get(i); t += 60_000) {
        waking += night(t) ? 0 : 60_000;
      }
      longest = Math.max(longest, waking);
    }
    return Duration.ofMillis(longest);
  }
}

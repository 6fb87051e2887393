package org.caregrid.alerting.rule;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;

/** Residents, devices, readings and local times for rule tests. */
public final class TestResidents {
  public static final int RESIDENT = 3;
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  public static final Device BED = device(7, DeviceKind.CARE_BED, Duration.ofSeconds(5));
  public static final Device MONITOR = device(8, DeviceKind.VITALS_MONITOR, Duration.ofMinutes(5));
  public static final Device PENDANT = device(9, DeviceKind.SOS_PENDANT, Duration.ofMinutes(1));
  public static final Device MOTION = device(10, DeviceKind.MOTION_SENSOR, Duration.ofMinutes(1));
  public static final Device SMOKE = device(11, DeviceKind.SMOKE_SENSOR, Duration.ofMinutes(10));

  private TestResidents() {}

  public static Device device(int key, DeviceKind kind, Duration interval) {
    return new Device(key, new DeviceId(kind.code() + "-" + key), kind, RESIDENT, interval);
  }

  /** A resident with the platform defaults, not living alone, on SpO2 scale 1. */
  public static Resident resident(Device... devices) {
    return resident(new JsonObject(), false, false, devices);
  }

  public static Resident resident(
      JsonObject carePlan, boolean livesAlone, boolean copdScale2, Device... devices) {
    return new Resident(
        RESIDENT,
        ZONE,
        livesAlone,
        false,
        copdScale2,
        Thresholds.of(RuleConfig.defaults(), carePlan),
        List.of(devices));
  }

  /** Epoch milliseconds of a local date and time in the resident's zone. */
  public static long at(LocalDate day, int hour, int minute) {
    return day.atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant().toEpochMilli();
  }

  public static ReadingBatch reading(Device device, Metric metric, long time, double value) {
    return new ReadingBatch(device, 0, List.of(new Reading(metric, time, value)), time);
  }

  public static EventBatch event(Device device, EventType type, long time) {
    return new EventBatch(device, new DeviceEvent(type, time, -1), time);
  }
}

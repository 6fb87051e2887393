package org.caregrid.sim.device;

import java.util.List;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.reading.Reading;

/** What a device sends at one of its report times: readings, events, either or both. */
public record Report(List<Reading> readings, List<DeviceEvent> events) {
  public static final Report NOTHING = new Report(List.of(), List.of());

  public Report {
    readings = List.copyOf(readings);
    events = List.copyOf(events);
  }
}

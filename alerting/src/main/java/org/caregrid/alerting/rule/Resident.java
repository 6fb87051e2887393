package org.caregrid.alerting.rule;

import java.time.ZoneId;
import java.util.List;
import org.caregrid.core.device.Device;

/**
 * A resident as the rules see them.
 *
 * @param zone the home's time zone: night windows and bed times are read in it
 * @param copdScale2 SpO2 is judged on NEWS2 scale 2 (target 88-92 %, a clinical decision)
 * @param thresholds the platform defaults overridden by the resident's care plan
 * @param devices every active device attached to this resident
 */
public record Resident(
    int key,
    ZoneId zone,
    boolean livesAlone,
    boolean dementia,
    boolean copdScale2,
    Thresholds thresholds,
    List<Device> devices) {
  public Resident {
    devices = List.copyOf(devices);
  }
}

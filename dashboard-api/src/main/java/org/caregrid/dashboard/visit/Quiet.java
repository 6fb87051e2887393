package org.caregrid.dashboard.visit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.Metric;

/**
 * "No activity" as a SQL condition on a resident {@code r}: they have a care bed or motion sensor
 * enrolled for longer than the window, and in the window none of their devices reported bed
 * presence or motion, nor a bed, door, button or fall event. A resident without such a device is
 * never quiet: nothing watches them, and silence says nothing.
 */
final class Quiet {
  /** Takes the start of the window three times ({@link #bind}). */
  static final String CONDITION =
      "(EXISTS (SELECT 1 FROM device d WHERE d.resident_id = r.id AND d.active"
          + "   AND d.kind IN ('"
          + DeviceKind.CARE_BED.code()
          + "', '"
          + DeviceKind.MOTION_SENSOR.code()
          + "') AND d.enrolled_at < ?)"
          + " AND NOT EXISTS (SELECT 1 FROM device d JOIN reading x ON x.device_id = d.id"
          + "   WHERE d.resident_id = r.id AND x.metric IN ("
          + Metric.IN_BED.dbCode()
          + ", "
          + Metric.MOTION.dbCode()
          + ") AND x.value > 0 AND x.time >= ?)"
          + " AND NOT EXISTS (SELECT 1 FROM device d JOIN device_event e ON e.device_id = d.id"
          + "   WHERE d.resident_id = r.id AND e.type IN ('"
          + String.join(
              "', '",
              EventType.BED_ENTER.code(),
              EventType.BED_EXIT.code(),
              EventType.DOOR_OPEN.code(),
              EventType.SOS.code(),
              EventType.FALL.code(),
              EventType.TEST_CALL.code())
          + "') AND e.time >= ?))";

  private Quiet() {}

  /** Sets the condition's parameters from {@code first}; returns the next parameter's index. */
  static int bind(PreparedStatement ps, int first, Instant since) throws SQLException {
    Timestamp t = Timestamp.from(since);
    for (int i = 0; i < 3; i++) {
      ps.setTimestamp(first + i, t);
    }
    return first + 3;
  }
}

package org.caregrid.alerting.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.caregrid.core.device.Device;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.event.EventType;

/** Reads back the device events stored since a moment, oldest first, for replay. Blocking. */
final class StoredEvents {
  private static final String SINCE =
      "SELECT time, device_id, type, seq, data::text FROM device_event WHERE time >= ?"
          + " AND device_id = ANY (?) ORDER BY time, device_id";

  private final DataSource dataSource;

  StoredEvents(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * @param devices the devices whose events are wanted (one shard's), by key; each shard reads only
   *     its own rows
   */
  List<EventBatch> since(Instant from, Map<Integer, Device> devices) throws SQLException {
    List<EventBatch> events = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SINCE)) {
      ps.setTimestamp(1, Timestamp.from(from));
      ps.setArray(2, c.createArrayOf("integer", devices.keySet().toArray(Integer[]::new)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Device device = devices.get(rs.getInt(2));
          EventType type = EventType.fromCode(rs.getString(3)).orElse(null);
          if (type == null) {
            continue;
          }
          long time = rs.getTimestamp(1).getTime();
          events.add(
              new EventBatch(
                  device, new DeviceEvent(type, time, rs.getLong(4), rs.getString(5)), time));
        }
      }
    }
    return events;
  }
}

package org.caregrid.ingest.registry;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

/** The active devices in the database. Blocking: called on the database workers only. */
interface DeviceStore {

  /** Every active device, by uid. */
  Map<String, Enrolled> loadActive() throws SQLException;

  /** Those of {@code uids} that are enrolled and active, by uid; the others are absent. */
  Map<String, Enrolled> findActive(Collection<String> uids) throws SQLException;
}

package org.caregrid.ingest.store;

import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.testing.TestServices;

class TimescaleUpkeepIT extends StorageUpkeepContractIT {
  @Override
  DatabaseConfig database() {
    return TestServices.freshTimescaleDatabase();
  }
}

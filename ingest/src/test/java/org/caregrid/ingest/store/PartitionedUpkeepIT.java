package org.caregrid.ingest.store;

import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.testing.TestServices;

class PartitionedUpkeepIT extends StorageUpkeepContractIT {
  @Override
  DatabaseConfig database() {
    return TestServices.freshPlainDatabase();
  }
}

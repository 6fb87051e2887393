package org.caregrid.alerting;

import static org.caregrid.testing.PackageCycles.mainClasses;
import static org.caregrid.testing.PackageCycles.noCyclesUnder;

import org.junit.jupiter.api.Test;

class PackageCyclesTest {
  private static final String ROOT = "org.caregrid.alerting";

  @Test
  void alertingPackagesAreFreeOfCycles() {
    noCyclesUnder(ROOT).check(mainClasses(ROOT));
  }
}

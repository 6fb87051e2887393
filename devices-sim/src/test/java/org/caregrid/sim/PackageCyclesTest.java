package org.caregrid.sim;

import static org.caregrid.testing.PackageCycles.mainClasses;
import static org.caregrid.testing.PackageCycles.noCyclesUnder;

import org.junit.jupiter.api.Test;

class PackageCyclesTest {
  private static final String ROOT = "org.caregrid.sim";

  @Test
  void simPackagesAreFreeOfCycles() {
    noCyclesUnder(ROOT).check(mainClasses(ROOT));
  }
}

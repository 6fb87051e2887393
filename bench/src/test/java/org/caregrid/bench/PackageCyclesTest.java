package org.caregrid.bench;

import static org.caregrid.testing.PackageCycles.mainClasses;
import static org.caregrid.testing.PackageCycles.noCyclesUnder;

import org.junit.jupiter.api.Test;

class PackageCyclesTest {
  private static final String ROOT = "org.caregrid.bench";

  @Test
  void benchPackagesAreFreeOfCycles() {
    noCyclesUnder(ROOT).check(mainClasses(ROOT));
  }
}

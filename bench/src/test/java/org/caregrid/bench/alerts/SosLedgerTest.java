package org.caregrid.bench.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SosLedgerTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long MILLI = 1_000_000L;

  @Test
  void slowestPressOfEachWindowCountsFromTheFirstMeasuredPressAndLeavesTheWarmUpOut() {
    SosLedger ledger = new SosLedger();
    press(ledger, 1, 0, 900 * MILLI, false); // warm-up: slow, and not counted
    press(ledger, 2, 3 * SECOND, 2 * MILLI, true);
    press(ledger, 3, 8 * SECOND, 7 * MILLI, true);
    press(ledger, 4, 12 * SECOND, 40 * MILLI, true);
    press(ledger, 5, 13 * SECOND + 1, 3 * MILLI, true);
    press(ledger, 6, 22 * SECOND, 5 * MILLI, true);

    assertThat(ledger.slowestMsByWindow(Duration.ofSeconds(10))).containsExactly(40.0, 5.0);
    assertThat(ledger.slowestMsByWindow(Duration.ofSeconds(5)))
        .containsExactly(2.0, 40.0, 3.0, 5.0);
  }

  private static void press(
      SosLedger ledger, int resident, long at, long latency, boolean measured) {
    ledger.pressed(resident, at, 0, measured);
    ledger.received(resident, resident, 0, at + latency, 0);
  }
}

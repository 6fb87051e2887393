package org.caregrid.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AckLedgerTest {
  private final List<Integer> acked = new ArrayList<>();
  private final AckLedger ledger = new AckLedger((id, qos) -> acked.add(id));

  @Test
  void acksInArrivalOrderEvenWhenSettledOutOfOrder() {
    AckLedger.Entry first = ledger.arrived(1, 1);
    AckLedger.Entry second = ledger.arrived(2, 1);
    AckLedger.Entry third = ledger.arrived(3, 1);

    ledger.settled(third);
    ledger.settled(second);
    assertThat(acked).isEmpty();
    assertThat(ledger.unacked()).isEqualTo(3);

    ledger.settled(first);
    assertThat(acked).containsExactly(1, 2, 3);
    assertThat(ledger.unacked()).isZero();
  }

  @Test
  void forgetsEverythingFromALostConnection() {
    AckLedger.Entry before = ledger.arrived(7, 1);
    ledger.connectionLost();
    AckLedger.Entry after = ledger.arrived(7, 1);

    ledger.settled(before);
    assertThat(acked).isEmpty();

    ledger.settled(after);
    assertThat(acked).containsExactly(7);
  }
}

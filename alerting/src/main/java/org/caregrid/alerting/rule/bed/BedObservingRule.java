package org.caregrid.alerting.rule.bed;

import org.caregrid.alerting.rule.Findings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.Rule;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;

/**
 * A rule about being in or out of bed: it sees every bed observation, whether the bed sensor sent
 * it as an event ({@code bed_exit}, {@code bed_enter}) or as an {@code in_bed} reading.
 */
abstract class BedObservingRule implements Rule {

  @Override
  public final void onEvent(EventBatch e, Resident resident, Findings findings) {
    BedPresence.of(e)
        .ifPresent(in -> observe(in, e.event().time(), true, e.device().key(), resident, findings));
  }

  @Override
  public final void onReadings(ReadingBatch batch, Resident resident, Findings findings) {
    for (Reading r : batch.readings()) {
      BedPresence.of(r)
          .ifPresent(in -> observe(in, r.time(), false, batch.device().key(), resident, findings));
    }
  }

  /**
   * @param in whether the resident is in bed
   * @param at when, by the device's clock, epoch milliseconds
   * @param isEvent whether an event said so, rather than a reading
   */
  abstract void observe(
      boolean in, long at, boolean isEvent, int deviceKey, Resident resident, Findings findings);
}

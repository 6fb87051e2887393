package org.caregrid.dashboard.visit;

/**
 * A unit's visit figures.
 *
 * @param eligible residents living alone, empty-nest or left-behind (by assessment, or by the
 *     lives-alone flag where none was made)
 * @param planned of those, the ones with an assessment and a visit plan (建档)
 * @param unassessed residents without a needs assessment
 * @param due due days in the range that were visited, or can no longer be visited on time
 * @param onTime of those, the ones visited on time
 */
public record Coverage(long eligible, long planned, long unassessed, long due, long onTime) {
  public static final Coverage NONE = new Coverage(0, 0, 0, 0, 0);

  public Coverage plus(Coverage o) {
    return new Coverage(
        eligible + o.eligible,
        planned + o.planned,
        unassessed + o.unassessed,
        due + o.due,
        onTime + o.onTime);
  }

  /** 建档率 in percent; null with nobody eligible. */
  public Double registrationPct() {
    return eligible == 0 ? null : 100.0 * planned / eligible;
  }

  /** Visit coverage in percent; null with nothing due. */
  public Double coveragePct() {
    return due == 0 ? null : 100.0 * onTime / due;
  }
}

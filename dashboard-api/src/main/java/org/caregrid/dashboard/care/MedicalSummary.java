package org.caregrid.dashboard.care;

/**
 * What a handover to 120 or a hospital needs to know, and how responders get in. Free text, as the
 * station writes it. The key safe code itself is never part of this record: only {@link DoorCodes}
 * reads it.
 *
 * @param keyHolders who holds keys, beyond the contacts marked as holding one
 * @param keySafeCodeOnRecord whether a key safe code is stored
 */
public record MedicalSummary(
    String conditions,
    String medicines,
    String allergies,
    String mobility,
    String preferredHospital,
    String keyHolders,
    boolean keySafeCodeOnRecord) {

  /** What a resident without a summary has: nothing written yet. */
  public static final MedicalSummary EMPTY = new MedicalSummary("", "", "", "", "", "", false);
}

package org.caregrid.dashboard.care;

/**
 * A new medical summary. The key safe code is changed only when asked, so that editing the summary
 * does not need (and so does not reveal) the code.
 *
 * @param changeKeySafeCode whether {@code keySafeCode} replaces the stored code
 * @param keySafeCode the new code, or null to remove it; ignored unless {@code changeKeySafeCode}
 */
public record MedicalEdit(
    String conditions,
    String medicines,
    String allergies,
    String mobility,
    String preferredHospital,
    String keyHolders,
    boolean changeKeySafeCode,
    String keySafeCode) {}

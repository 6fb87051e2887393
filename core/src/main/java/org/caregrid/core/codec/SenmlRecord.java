package org.caregrid.core.codec;

/**
 * One SenML record as it was on the wire, before base fields and relative times are resolved. The
 * readers fill it field by field; a null field was absent. JSON and CBOR both read into this form,
 * so that {@link SenmlResolver} applies RFC 8428 once for both.
 */
final class SenmlRecord {
  String baseName;
  Double baseTime;
  String baseUnit;
  Double baseValue;
  Long baseVersion;
  String name;
  String unit;
  Double value;
  Boolean booleanValue;
  boolean stringValue;
  boolean dataValue;
  boolean sum;
  Double time;

  /** How many of the value fields ({@code v}, {@code vs}, {@code vb}, {@code vd}) are present. */
  int valueFields() {
    return (value != null ? 1 : 0)
        + (booleanValue != null ? 1 : 0)
        + (stringValue ? 1 : 0)
        + (dataValue ? 1 : 0);
  }
}

package org.caregrid.core.reading;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics catalogue (DESIGN §4): wire code, UCUM unit, LOINC code and plausible range. A value
 * outside the range is rejected and counted. {@link #dbCode()} is the {@code smallint} stored in
 * {@code reading.metric}; it never changes once assigned.
 */
public enum Metric {
  HR(1, "hr", "/min", "8867-4", 20, 250),
  RR(2, "rr", "/min", "9279-1", 0, 80),
  SPO2(3, "spo2", "%", "59408-5", 50, 100),
  SBP(4, "sbp", "mm[Hg]", "8480-6", 40, 300),
  DBP(5, "dbp", "mm[Hg]", "8462-4", 20, 200),
  TEMP(6, "temp", "Cel", "8310-5", 30, 45),
  IN_BED(7, "in_bed", "{bool}", null, 0, 1),
  MOVEMENT(8, "movement", "{index}", null, 0, 100),
  BATTERY(9, "battery", "%", null, 0, 100),
  MOTION(10, "motion", "{bool}", null, 0, 1),
  WEIGHT(11, "weight", "kg", "29463-7", 20, 300);

  private static final Map<String, Metric> BY_CODE = new HashMap<>();
  private static final Metric[] BY_DB_CODE = new Metric[16];

  static {
    for (Metric m : values()) {
      BY_CODE.put(m.code, m);
      BY_DB_CODE[m.dbCode] = m;
    }
  }

  private final short dbCode;
  private final String code;
  private final String ucum;
  private final String loinc;
  private final double min;
  private final double max;

  Metric(int dbCode, String code, String ucum, String loinc, double min, double max) {
    this.dbCode = (short) dbCode;
    this.code = code;
    this.ucum = ucum;
    this.loinc = loinc;
    this.min = min;
    this.max = max;
  }

  public static Optional<Metric> fromCode(String code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }

  public static Metric fromDbCode(int dbCode) {
    Metric m = dbCode >= 0 && dbCode < BY_DB_CODE.length ? BY_DB_CODE[dbCode] : null;
    if (m == null) {
      throw new IllegalArgumentException("no metric with database code " + dbCode);
    }
    return m;
  }

  public short dbCode() {
    return dbCode;
  }

  public String code() {
    return code;
  }

  public String ucum() {
    return ucum;
  }

  /** The LOINC code, or empty for device-level metrics that have none. */
  public Optional<String> loinc() {
    return Optional.ofNullable(loinc);
  }

  public boolean isPlausible(double value) {
    return value >= min && value <= max;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }
}

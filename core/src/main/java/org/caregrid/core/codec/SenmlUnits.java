package org.caregrid.core.codec;

import static org.caregrid.core.reading.Metric.BATTERY;
import static org.caregrid.core.reading.Metric.DBP;
import static org.caregrid.core.reading.Metric.HR;
import static org.caregrid.core.reading.Metric.IN_BED;
import static org.caregrid.core.reading.Metric.MOTION;
import static org.caregrid.core.reading.Metric.MOVEMENT;
import static org.caregrid.core.reading.Metric.RR;
import static org.caregrid.core.reading.Metric.SBP;
import static org.caregrid.core.reading.Metric.SPO2;
import static org.caregrid.core.reading.Metric.TEMP;
import static org.caregrid.core.reading.Metric.WEIGHT;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.caregrid.core.reading.Metric;

/**
 * The SenML units a device may give for each metric, and how each converts to the catalogue's unit
 * (DESIGN §4). Sources: the SenML Units registry of RFC 8428 Table 6 (an asterisk there means "do
 * not produce, but consumers SHOULD accept"), the Secondary Units registry of RFC 8798 Table 2, and
 * three local extensions, marked so below: {@code /min} and {@code mm[Hg]}, the catalogue's own
 * UCUM codes, for which SenML has no unit, and {@code kPa}, which blood-pressure monitors display
 * but neither registry lists. A record without a unit is in the catalogue's unit.
 *
 * <p>Beware RFC 8428's {@code %}: it is the ratio 0..1, like {@code /}, not a percentage (Table 6,
 * Note 2); RFC 8798 registers {@code /100} for percent.
 */
final class SenmlUnits {
  /**
   * One millimetre of mercury in pascals, as UCUM defines it ({@code m[Hg]} = 133.3220 kPa). RFC
   * 8428 has no blood-pressure unit and lists Torr among the units not to register; RFC 8798 adds
   * only {@code hPa}.
   */
  static final double PASCALS_PER_MM_HG = 133.322;

  private static final DoubleUnaryOperator SAME = DoubleUnaryOperator.identity();
  private static final DoubleUnaryOperator RATIO_TO_PERCENT = SenmlUnits::ratioToPercent;
  private static final DoubleUnaryOperator PER_SECOND_TO_PER_MINUTE = SenmlUnits::perMinute;

  private static final Map<Metric, Map<String, DoubleUnaryOperator>> ACCEPTED =
      new EnumMap<>(Metric.class);

  static {
    Map<String, DoubleUnaryOperator> bloodPressure =
        Map.of(
            "mm[Hg]", SAME, // local extension
            "Pa", v -> v / PASCALS_PER_MM_HG, // RFC 8428
            "hPa", v -> v * 100 / PASCALS_PER_MM_HG, // RFC 8798
            "kPa", v -> v * 1000 / PASCALS_PER_MM_HG); // local extension
    ACCEPTED.put(
        HR,
        Map.of(
            "beat/min", SAME, // RFC 8428*
            "1/min", SAME, // RFC 8428*
            "/min", SAME, // local extension
            "1/s", PER_SECOND_TO_PER_MINUTE)); // RFC 8428
    ACCEPTED.put(
        RR,
        Map.of(
            "1/min", SAME, // RFC 8428*
            "/min", SAME, // local extension
            "1/s", PER_SECOND_TO_PER_MINUTE)); // RFC 8428
    ACCEPTED.put(
        SPO2,
        Map.of(
            "/", RATIO_TO_PERCENT, // RFC 8428
            "%", RATIO_TO_PERCENT, // RFC 8428*, a ratio
            "/100", SAME)); // RFC 8798
    ACCEPTED.put(SBP, bloodPressure);
    ACCEPTED.put(DBP, bloodPressure);
    ACCEPTED.put(
        TEMP,
        Map.of(
            "Cel",
            SAME, // RFC 8428
            "K",
            v -> v - 273.15)); // RFC 8428
    ACCEPTED.put(IN_BED, Map.of("/", SAME)); // RFC 8428: 0 off, 1 on
    ACCEPTED.put(MOTION, Map.of("/", SAME)); // RFC 8428
    ACCEPTED.put(MOVEMENT, Map.of("/", RATIO_TO_PERCENT)); // RFC 8428; the index runs 0..100
    ACCEPTED.put(
        BATTERY,
        Map.of(
            "%EL", SAME, // RFC 8428: remaining battery energy level in percent
            "/", RATIO_TO_PERCENT, // RFC 8428
            "%", RATIO_TO_PERCENT, // RFC 8428*, a ratio
            "/100", SAME)); // RFC 8798
    ACCEPTED.put(
        WEIGHT,
        Map.of(
            "kg",
            SAME, // RFC 8428
            "g",
            v -> v / 1000)); // RFC 8428*
  }

  /**
   * What the encoders write: for each metric the SenML unit in which the catalogue's value needs no
   * conversion, so that encoding and decoding is exact. {@code beat/min} and {@code 1/min} are
   * asterisked in RFC 8428 but registered, and {@code 1/s} would not round-trip; movement, an index
   * with no unit, is written without one.
   */
  private static final Map<Metric, String> WRITTEN = new EnumMap<>(Metric.class);

  static {
    WRITTEN.put(HR, "beat/min");
    WRITTEN.put(RR, "1/min");
    WRITTEN.put(SPO2, "/100");
    WRITTEN.put(SBP, "mm[Hg]");
    WRITTEN.put(DBP, "mm[Hg]");
    WRITTEN.put(TEMP, "Cel");
    WRITTEN.put(IN_BED, "/");
    WRITTEN.put(MOTION, "/");
    WRITTEN.put(BATTERY, "%EL");
    WRITTEN.put(WEIGHT, "kg");
  }

  /** Units from RFC 8798's Secondary Units registry; a pack using one declares version 26. */
  private static final Set<String> SECONDARY = Set.of("/100", "hPa");

  private SenmlUnits() {}

  private static double ratioToPercent(double ratio) {
    return ratio * 100;
  }

  private static double perMinute(double perSecond) {
    return perSecond * 60;
  }

  /**
   * How to convert a value in {@code unit} to the catalogue's unit of {@code metric}.
   *
   * @param unit the record's unit, or null when it has none (then the value is already in the
   *     catalogue's unit)
   * @return the conversion, or null when the metric does not accept the unit
   */
  static DoubleUnaryOperator toCatalogue(Metric metric, String unit) {
    return unit == null ? SAME : ACCEPTED.getOrDefault(metric, Map.of()).get(unit);
  }

  /** The unit the encoders write for {@code metric}, or null for none. */
  static String written(Metric metric) {
    return WRITTEN.get(metric);
  }

  static boolean isSecondary(String unit) {
    return SECONDARY.contains(unit);
  }
}

package org.caregrid.core.codec;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.Telemetry;

/**
 * Turns the records of a SenML pack into readings as RFC 8428 resolves them (§4.6): each base field
 * applies to its record and every later one until it appears again, names are base name plus name,
 * times are base time plus time, values base value plus value. Then maps each record onto the
 * catalogue: the name must be {@code urn:dev:{deviceId}:{metric}} with one device for the whole
 * pack, the unit one the metric accepts ({@link SenmlUnits}).
 */
final class SenmlResolver {
  /** The version of RFC 8428, and the default when a pack declares none. */
  static final long BASE_VERSION = 10;

  /**
   * RFC 9100 makes the version a feature bitmap: 10 plus 2^4, the Secondary Units feature (RFC
   * 8798), which {@link SenmlUnits} implements. Every other feature is unknown to us.
   */
  static final long SECONDARY_UNITS_VERSION = BASE_VERSION + (1 << 4);

  /**
   * Times from 2^28 s on are seconds since the epoch; smaller ones are relative to now (§4.5.3).
   */
  private static final double FIRST_ABSOLUTE_TIME = 1 << 28;

  /** 9999-12-31T23:59:59.999Z: later times cannot be stored, nor are they plausible. */
  private static final long LAST_TIME_MILLIS = 253_402_300_799_999L;

  private static final String DEVICE_URN = "urn:dev:";

  /** The characters RFC 8428 §4.5.1 allows in a concatenated name. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][-:./_A-Za-z0-9]*");

  private final Clock clock;

  /**
   * Creates a resolver.
   *
   * @param clock gives "now", which relative times count from
   */
  SenmlResolver(Clock clock) {
    this.clock = clock;
  }

  Telemetry resolve(List<SenmlRecord> records) {
    long now = clock.millis();
    Bases bases = new Bases();
    long packVersion = BASE_VERSION;
    DeviceId device = null;
    List<Reading> readings = new ArrayList<>(records.size());
    Set<MetricAt> seen = new HashSet<>();
    for (int i = 0; i < records.size(); i++) {
      SenmlRecord r = records.get(i);
      int index = i + 1; // numbered from 1, as RFC 8428 §9 numbers records
      bases.update(r);
      if (bases.version > BASE_VERSION && bases.version != SECONDARY_UNITS_VERSION) {
        throw decode(index, "SenML version " + bases.version + " is not supported");
      }
      if (i == 0) {
        packVersion = bases.version;
      } else if (bases.version != packVersion) {
        throw decode(
            index, "SenML version " + bases.version + " differs from the pack's " + packVersion);
      }
      String name = bases.name + (r.name == null ? "" : r.name);
      DeviceId named = device(name, index);
      if (device == null) {
        device = named;
      } else if (!device.equals(named)) {
        throw decode(index, "names device " + named + ", but the pack began with " + device);
      }
      checkValueFields(r, index);
      Metric metric = metric(name, index);
      double value = convert(metric, value(r, bases.value, metric, index), r, bases, index);
      double seconds = bases.time + (r.time == null ? 0 : r.time);
      long time = millis(seconds, now, index);
      if (!seen.add(new MetricAt(metric, time))) {
        // Stored once (the first) yet passed twice to alerting: refuse the pack instead.
        throw new RejectedException(
            Reason.DUPLICATE,
            "record " + index + ": a second value of " + metric.code() + " at the same time");
      }
      readings.add(new Reading(metric, time, value));
    }
    return new Telemetry(-1, readings, Optional.ofNullable(device));
  }

  private record MetricAt(Metric metric, long time) {}

  /** The base fields in force at a record: each holds from where it is given until given again. */
  private static final class Bases {
    String name = "";
    double time;
    String unit;
    double value;
    long version = BASE_VERSION;

    void update(SenmlRecord r) {
      if (r.baseName != null) {
        name = r.baseName;
      }
      if (r.baseTime != null) {
        time = r.baseTime;
      }
      if (r.baseUnit != null) {
        unit = r.baseUnit;
      }
      if (r.baseValue != null) {
        value = r.baseValue;
      }
      if (r.baseVersion != null) {
        version = r.baseVersion;
      }
    }
  }

  private static DeviceId device(String name, int index) {
    if (name.isEmpty()) {
      throw decode(index, "no name");
    }
    int colon = name.lastIndexOf(':');
    String id = colon > DEVICE_URN.length() ? name.substring(DEVICE_URN.length(), colon) : "";
    if (!NAME.matcher(name).matches()
        || !name.startsWith(DEVICE_URN)
        || !DeviceId.isValid(id)
        || colon == name.length() - 1) {
      throw decode(
          index, "name " + RejectedException.quote(name) + " is not urn:dev:{deviceId}:{metric}");
    }
    return new DeviceId(id);
  }

  private static Metric metric(String name, int index) {
    String code = name.substring(name.lastIndexOf(':') + 1);
    return Metric.fromCode(code)
        .orElseThrow(
            () ->
                new RejectedException(
                    Reason.UNKNOWN_METRIC,
                    "record " + index + ": unknown metric " + RejectedException.quote(code)));
  }

  private static void checkValueFields(SenmlRecord r, int index) {
    int fields = r.valueFields();
    if (fields > 1) {
      throw decode(index, "more than one value field");
    }
    if (r.stringValue || r.dataValue) {
      throw decode(
          index, "string and data values (vs, vd) are not accepted: every metric is a number");
    }
    if (fields == 0) {
      throw decode(
          index, r.sum ? "no value (v or vb); value sums are not stored" : "no value (v or vb)");
    }
  }

  private static double value(SenmlRecord r, double baseValue, Metric metric, int index) {
    if (r.booleanValue == null) {
      return baseValue + r.value;
    }
    if (metric != Metric.IN_BED && metric != Metric.MOTION) {
      throw decode(index, "metric " + metric.code() + " does not take a boolean value (vb)");
    }
    return r.booleanValue ? 1 : 0;
  }

  /** Converts to the catalogue's unit; the record's unit, or else the base unit, or none. */
  private static double convert(Metric metric, double value, SenmlRecord r, Bases b, int index) {
    String unit = r.unit != null ? r.unit : b.unit;
    DoubleUnaryOperator conversion = SenmlUnits.toCatalogue(metric, unit);
    if (conversion == null) {
      throw decode(
          index,
          "unit " + RejectedException.quote(unit) + " is not accepted for metric " + metric.code());
    }
    double converted = conversion.applyAsDouble(value);
    if (!Double.isFinite(converted)) {
      throw decode(index, "the value of " + metric.code() + " is not a finite number");
    }
    return converted;
  }

  private static long millis(double seconds, long now, int index) {
    double millis = seconds >= FIRST_ABSOLUTE_TIME ? seconds * 1000 : now + seconds * 1000;
    if (!(millis >= 0 && millis <= LAST_TIME_MILLIS)) {
      throw new RejectedException(
          Reason.BAD_TIME, "record " + index + ": time is before 1970 or after 9999");
    }
    return Math.round(millis);
  }

  private static RejectedException decode(int index, String problem) {
    return new RejectedException(Reason.DECODE, "record " + index + ": " + problem);
  }
}

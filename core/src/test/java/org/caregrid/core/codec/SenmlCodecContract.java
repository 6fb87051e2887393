package org.caregrid.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assertj.core.api.AbstractThrowableAssert;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.Telemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What both SenML codecs promise, written once and run for JSON and for CBOR: the subclasses only
 * turn the JSON text of a pack into their format. The RFC 8428 §5 examples appear with our names:
 * base name {@code urn:dev:bed-0001:} and catalogue metrics.
 */
abstract class SenmlCodecContract {
  /** 2025-11-30T00:00:00Z, "now" for relative times. */
  static final long NOW = 1_764_460_800_000L;

  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  static final DeviceId BED = new DeviceId("bed-0001");

  final PayloadCodec codec = codec(CLOCK);

  abstract PayloadCodec codec(Clock clock);

  /** The pack in this codec's format. */
  abstract byte[] payload(String json);

  Telemetry decode(String json) {
    return codec.decode(payload(json));
  }

  AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String json, Reason reason) {
    return assertThatThrownBy(() -> decode(json))
        .isInstanceOfSatisfying(
            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void decodesASingleDataPointTakenNow() {
    // RFC 8428 §5.1.1: no time at all means "now"
    Telemetry t = decode("[{\"n\":\"urn:dev:bed-0001:temp\",\"u\":\"Cel\",\"v\":36.6}]");

    assertThat(t.readings()).containsExactly(new Reading(Metric.TEMP, NOW, 36.6));
    assertThat(t.namedDevice()).contains(BED);
    assertThat(t.seq()).isEqualTo(-1);
  }

  @Test
  void decodesMultipleDataPointsWithBaseFieldsAndOffsets() {
    // RFC 8428 §5.1.2, second example: bt, bu and bver on the first record; t counts from bt
    Telemetry t =
        decode(
            """
            [{"bn":"urn:dev:bed-0001:","bt":1.276020076001e+09,"bu":"beat/min","bver":5,
              "n":"rr","u":"1/min","v":14},
             {"n":"hr","t":-5,"v":61},
             {"n":"hr","t":-4,"v":62},
             {"n":"hr","t":-3,"v":63},
             {"n":"hr","t":-2,"v":64},
             {"n":"hr","t":-1,"v":65},
             {"n":"hr","v":66}]""");

    long bt = 1_276_020_076_001L;
    assertThat(t.readings())
        .containsExactly(
            new Reading(Metric.RR, bt, 14),
            new Reading(Metric.HR, bt - 5000, 61),
            new Reading(Metric.HR, bt - 4000, 62),
            new Reading(Metric.HR, bt - 3000, 63),
            new Reading(Metric.HR, bt - 2000, 64),
            new Reading(Metric.HR, bt - 1000, 65),
            new Reading(Metric.HR, bt, 66));
  }

  @Test
  void decodesMultipleMeasurementsAtLaterTimes() {
    // RFC 8428 §5.1.3: one base time, records at t = 60 s, 120 s, and the battery at 150 s
    Telemetry t =
        decode(
            """
            [{"bn":"urn:dev:bed-0001:","bt":1.320067464e+09,"bu":"/","n":"spo2","v":0.97},
             {"n":"in_bed","v":1},
             {"n":"spo2","t":60,"v":0.96},
             {"n":"in_bed","t":60,"v":0},
             {"n":"battery","u":"%EL","t":150,"v":98}]""");

    long bt = 1_320_067_464_000L;
    assertThat(t.readings())
        .usingRecursiveFieldByFieldElementComparatorOnFields("metric", "time")
        .containsExactly(
            new Reading(Metric.SPO2, bt, 97),
            new Reading(Metric.IN_BED, bt, 1),
            new Reading(Metric.SPO2, bt + 60_000, 96),
            new Reading(Metric.IN_BED, bt + 60_000, 0),
            new Reading(Metric.BATTERY, bt + 150_000, 98));
    assertThat(t.readings().get(0).value()).isCloseTo(97, within(1e-9));
    assertThat(t.readings().get(4).value()).isEqualTo(98);
  }

  @Test
  void decodesResolvedRecords() {
    // RFC 8428 §5.1.4: full names, units and absolute times on every record
    Telemetry t =
        decode(
            """
            [{"n":"urn:dev:bed-0001:hr","u":"beat/min","t":1.320067464e+09,"v":72},
             {"n":"urn:dev:bed-0001:rr","u":"1/min","t":1.320067464e+09,"v":15},
             {"n":"urn:dev:bed-0001:hr","u":"beat/min","t":1.320067524e+09,"v":74}]""");

    assertThat(t.readings())
        .containsExactly(
            new Reading(Metric.HR, 1_320_067_464_000L, 72),
            new Reading(Metric.RR, 1_320_067_464_000L, 15),
            new Reading(Metric.HR, 1_320_067_524_000L, 74));
  }

  @Test
  void takesBooleanValuesAsOneAndZero() {
    // RFC 8428 §5.1.5, the numeric and boolean records
    Telemetry t =
        decode(
            """
            [{"bn":"urn:dev:bed-0001:","n":"temp","u":"Cel","v":23.1},
             {"n":"in_bed","vb":false},
             {"n":"motion","vb":true}]""");

    assertThat(t.readings())
        .containsExactly(
            new Reading(Metric.TEMP, NOW, 23.1),
            new Reading(Metric.IN_BED, NOW, 0),
            new Reading(Metric.MOTION, NOW, 1));
  }

  @Test
  void rejectsStringAndDataValues() {
    // RFC 8428 §5.1.5, the string and data records: no metric in the catalogue is text
    assertRejected("[{\"n\":\"urn:dev:bed-0001:temp\",\"vs\":\"Machine Room\"}]", Reason.DECODE)
        .hasMessageContaining("vs");
    assertRejected("[{\"n\":\"urn:dev:bed-0001:temp\",\"vd\":\"aGkgCg\"}]", Reason.DECODE)
        .hasMessageContaining("vd");
  }

  @Test
  void keepsTheBaseTimeWhenOnlyTheBaseNameIsReplaced() {
    // RFC 8428 §5.1.6: the last record takes its base name from the third, its base time from the
    // first (here a second later: one device has one value per metric and time)
    Telemetry t =
        decode(
            """
            [{"bn":"urn:dev:bed-0001:","bt":1.320078429e+09,"n":"temp","u":"Cel","v":36.2},
             {"n":"hr","v":70},
             {"bn":"urn:dev:","n":"bed-0001:temp","u":"Cel","t":1,"v":36.3},
             {"n":"bed-0001:hr","t":1,"v":71}]""");

    long bt = 1_320_078_429_000L;
    assertThat(t.readings())
        .containsExactly(
            new Reading(Metric.TEMP, bt, 36.2),
            new Reading(Metric.HR, bt, 70),
            new Reading(Metric.TEMP, bt + 1000, 36.3),
            new Reading(Metric.HR, bt + 1000, 71));
  }

  @Test
  void takesSwitchRatiosAndFractionalOffsets() {
    // RFC 8428 §5.1.7: "/" as the unit of a switch, and t = 0.1 s after bt
    Telemetry t =
        decode(
            """
            [{"bt":1.320078429e+09,"bu":"/","n":"urn:dev:bed-0001:in_bed","v":1},
             {"n":"urn:dev:bed-0001:motion","v":1},
             {"n":"urn:dev:bed-0001:in_bed","t":0.1,"v":0}]""");

    assertThat(t.readings())
        .containsExactly(
            new Reading(Metric.IN_BED, 1_320_078_429_000L, 1),
            new Reading(Metric.MOTION, 1_320_078_429_000L, 1),
            new Reading(Metric.IN_BED, 1_320_078_429_100L, 0));
  }

  @Test
  void carriesEachBaseFieldUntilItIsReplaced() {
    Telemetry t =
        decode(
            """
            [{"bn":"urn:dev:bed-0001:","bt":1.7e9,"bu":"Pa","bv":13332.2,"n":"sbp","v":2666.44},
             {"n":"dbp","v":0},
             {"bu":"mm[Hg]","bv":60,"n":"dbp","t":1,"v":20},
             {"bt":1.8e9,"n":"sbp","v":60},
             {"bv":0,"n":"hr","u":"beat/min","v":64},
             {"n":"sbp","t":1,"v":118}]""");

    assertThat(t.readings())
        .extracting(Reading::metric, Reading::time)
        .containsExactly(
            tuple(Metric.SBP, 1_700_000_000_000L),
            tuple(Metric.DBP, 1_700_000_000_000L),
            tuple(Metric.DBP, 1_700_000_001_000L),
            tuple(Metric.SBP, 1_800_000_000_000L),
            tuple(Metric.HR, 1_800_000_000_000L),
            tuple(Metric.SBP, 1_800_000_001_000L));
    assertThat(t.readings())
        .extracting(Reading::value)
        .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b))
        .containsExactly(120.0, 100.0, 80.0, 120.0, 64.0, 118.0);
  }

  @Test
  void resolvesTimesRelativeToNow() {
    Telemetry t =
        decode(
            """
            [{"bn":"urn:dev:bed-0001:","n":"hr","v":70},
             {"n":"hr","t":-30,"v":71},
             {"bt":-60,"n":"hr","t":-0.5,"v":72},
             {"n":"hr","t":10,"v":73}]""");

    assertThat(t.readings())
        .extracting(Reading::time)
        .containsExactly(NOW, NOW - 30_000, NOW - 60_500, NOW - 50_000);
  }

  @Test
  void takesASumOfBaseTimeAndTimeFromTwoToThe28AsAbsolute() {
    // 2^28 s is the first absolute time, 1978-07-04T21:24:16Z; one second less is relative
    Telemetry t =
        decode(
            """
            [{"bn":"urn:dev:bed-0001:","bt":268435455,"n":"hr","t":1,"v":70},
             {"n":"hr","v":71}]""");

    assertThat(t.readings())
        .extracting(Reading::time)
        .containsExactly(268_435_456_000L, NOW + 268_435_455_000L);
  }

  @ParameterizedTest(name = "{0} {2} {1} is {3} in the catalogue unit")
  @CsvSource(
      delimiter = '|',
      value = {
        "hr       | beat/min | 72     | 72",
        "hr       | 1/min    | 72     | 72",
        "hr       | /min     | 72     | 72",
        "hr       | 1/s      | 1.2    | 72",
        "hr       |          | 72     | 72",
        "rr       | 1/min    | 14     | 14",
        "rr       | /min     | 14     | 14",
        "rr       | 1/s      | 0.25   | 15",
        "rr       |          | 14     | 14",
        "spo2     | /        | 0.97   | 97",
        "spo2     | %        | 0.97   | 97",
        "spo2     | /100     | 97     | 97",
        "spo2     |          | 97     | 97",
        "sbp      | mm[Hg]   | 120    | 120",
        "sbp      | Pa       | 15998.64 | 120",
        "sbp      | hPa      | 159.9864 | 120",
        "sbp      | kPa      | 15.99864 | 120",
        "sbp      |          | 120    | 120",
        "dbp      | mm[Hg]   | 80     | 80",
        "dbp      | Pa       | 10665.76 | 80",
        "dbp      | hPa      | 106.6576 | 80",
        "dbp      | kPa      | 10.66576 | 80",
        "temp     | Cel      | 36.6   | 36.6",
        "temp     | K        | 309.75 | 36.6",
        "temp     |          | 36.6   | 36.6",
        "in_bed   | /        | 1      | 1",
        "in_bed   |          | 0      | 0",
        "motion   | /        | 1      | 1",
        "motion   |          | 1      | 1",
        "movement | /        | 0.35   | 35",
        "movement |          | 35     | 35",
        "battery  | %EL      | 87     | 87",
        "battery  | /        | 0.87   | 87",
        "battery  | %        | 0.87   | 87",
        "battery  | /100     | 87     | 87",
        "weight   | kg       | 61.5   | 61.5",
        "weight   | g        | 61500  | 61.5",
        "weight   |          | 61.5   | 61.5",
      })
  void convertsEveryAcceptedUnitToTheCatalogueUnit(
      String metric, String unit, double value, double expected) {
    String u = unit == null ? "" : ",\"u\":\"" + unit + "\"";
    Telemetry t =
        decode("[{\"n\":\"urn:dev:bed-0001:" + metric + "\"" + u + ",\"v\":" + value + "}]");

    assertThat(t.readings())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.metric().code()).isEqualTo(metric);
              assertThat(r.value()).isCloseTo(expected, within(1e-9));
            });
  }

  @ParameterizedTest(name = "{0} refuses {1}")
  @CsvSource({
    "hr, Cel",
    "hr, beats",
    "hr, beats/min",
    "rr, beat/min",
    "spo2, %EL",
    "sbp, mmHg",
    "sbp, Torr",
    "temp, degF",
    "in_bed, %",
    "movement, %EL",
    "battery, %RH",
    "weight, lb"
  })
  void rejectsAUnitTheMetricDoesNotTakeNamingBoth(String metric, String unit) {
    assertRejected(
            "[{\"n\":\"urn:dev:bed-0001:" + metric + "\",\"u\":\"" + unit + "\",\"v\":1}]",
            Reason.DECODE)
        .hasMessageContaining("\"" + unit + "\"")
        .hasMessageContaining("metric " + metric);
  }

  @Test
  void rejectsAUnitThatOnlyTheBaseUnitGives() {
    assertRejected(
            "[{\"bn\":\"urn:dev:bed-0001:\",\"bu\":\"Cel\",\"n\":\"temp\",\"v\":36},"
                + "{\"n\":\"hr\",\"v\":70}]",
            Reason.DECODE)
        .hasMessageContaining("record 2")
        .hasMessageContaining("\"Cel\"")
        .hasMessageContaining("metric hr");
  }

  @Test
  void rejectsAnUnknownMustUnderstandLabelButIgnoresOtherUnknownLabels() {
    assertRejected("[{\"n\":\"urn:dev:bed-0001:hr\",\"v\":70,\"rssi_\":-70}]", Reason.DECODE)
        .hasMessageContaining("\"rssi_\"");

    Telemetry t = decode("[{\"n\":\"urn:dev:bed-0001:hr\",\"v\":70,\"rssi\":{\"a\":[1,2]}}]");

    assertThat(t.readings()).containsExactly(new Reading(Metric.HR, NOW, 70));
  }

  @Test
  void ignoresUpdateTimeAndTheSumBesideAValue() {
    Telemetry t =
        decode("[{\"bn\":\"urn:dev:bed-0001:\",\"bs\":0,\"n\":\"hr\",\"v\":70,\"s\":9,\"ut\":5}]");

    assertThat(t.readings()).containsExactly(new Reading(Metric.HR, NOW, 70));
  }

  @Test
  void rejectsAVersionAbove10ExceptSecondaryUnits() {
    assertRejected("[{\"bver\":11,\"n\":\"urn:dev:bed-0001:hr\",\"v\":70}]", Reason.DECODE)
        .hasMessageContaining("version 11");
    assertRejected("[{\"bver\":58,\"n\":\"urn:dev:bed-0001:hr\",\"v\":70}]", Reason.DECODE)
        .hasMessageContaining("version 58");
    assertRejected("[{\"bver\":0,\"n\":\"urn:dev:bed-0001:hr\",\"v\":70}]", Reason.DECODE)
        .hasMessageContaining("bver");

    // RFC 9100: 26 is 10 plus the Secondary Units feature, which is understood here
    Telemetry t = decode("[{\"bver\":26,\"n\":\"urn:dev:bed-0001:spo2\",\"u\":\"/100\",\"v\":97}]");

    assertThat(t.readings()).containsExactly(new Reading(Metric.SPO2, NOW, 97));
  }

  @Test
  void rejectsAPackThatMixesVersions() {
    assertRejected(
            "[{\"bver\":10,\"n\":\"urn:dev:bed-0001:hr\",\"v\":70},"
                + "{\"bver\":5,\"n\":\"urn:dev:bed-0001:hr\",\"v\":71}]",
            Reason.DECODE)
        .hasMessageContaining("record 2")
        .hasMessageContaining("version 5");
    // the default version of the first record is 10
    assertRejected(
            "[{\"n\":\"urn:dev:bed-0001:hr\",\"v\":70},"
                + "{\"bver\":5,\"n\":\"urn:dev:bed-0001:hr\",\"v\":71}]",
            Reason.DECODE)
        .hasMessageContaining("version 5");
  }

  @Test
  void rejectsAPackThatNamesTwoDevices() {
    assertRejected(
            "[{\"bn\":\"urn:dev:bed-0001:\",\"n\":\"hr\",\"v\":70},"
                + "{\"bn\":\"urn:dev:bed-0002:\",\"n\":\"hr\",\"v\":71}]",
            Reason.DECODE)
        .hasMessageContaining("bed-0002")
        .hasMessageContaining("bed-0001");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[{\"n\":\"urn:dev:bed-0001:hr\",\"v\":70,\"vb\":true}]  | more than one value",
        "[{\"n\":\"urn:dev:bed-0001:hr\",\"v\":70,\"vs\":\"x\"}] | more than one value",
        "[{\"n\":\"urn:dev:bed-0001:hr\"}]                       | no value",
        "[{\"n\":\"urn:dev:bed-0001:hr\",\"bv\":70}]             | no value",
        "[{\"n\":\"urn:dev:bed-0001:hr\",\"s\":70}]              | value sums",
        "[{\"n\":\"urn:dev:bed-0001:hr\",\"vb\":true}]           | boolean",
        "[{\"n\":\"urn:dev:bed-0001:hr\",\"v\":\"70\"}]          | v must be a number",
        "[{\"n\":\"urn:dev:bed-0001:hr\",\"v\":null}]            | v must be a number",
        "[{\"n\":7,\"v\":70}]                                    | n must be a text",
        "[{\"n\":\"urn:dev:bed-0001:in_bed\",\"vb\":1}]          | vb must be true or false",
        "[{\"bver\":10.5,\"n\":\"urn:dev:bed-0001:hr\",\"v\":1}] | bver must be an integer",
        "[{\"v\":70}]                                            | no name",
        "[{\"n\":\"hr\",\"v\":70}]                               | urn:dev:{deviceId}:{metric}",
        "[{\"n\":\"urn:dev:hr\",\"v\":70}]                       | urn:dev:{deviceId}:{metric}",
        "[{\"n\":\"urn:dev:bed-0001:\",\"v\":70}]                | urn:dev:{deviceId}:{metric}",
        "[{\"n\":\"urn:dev:bed 1:hr\",\"v\":70}]                 | urn:dev:{deviceId}:{metric}",
        "[{\"n\":\"urn:dev:ow:10e2073a0108006:hr\",\"v\":70}]    | urn:dev:{deviceId}:{metric}",
        "[]                                                      | empty",
        "{\"n\":\"urn:dev:bed-0001:hr\",\"v\":70}                 | array",
        "[7]                                                     | record 1 is not a map",
      })
  void rejectsRecordsThatBreakTheFormat(String json, String problem) {
    assertRejected(json, Reason.DECODE).hasMessageContaining(problem);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[{\"n\":\"urn:dev:bed-0001:hr\",\"v\":70,\"v\":71}]                  | twice",
        "[{\"n\":\"urn:dev:bed-0001:hr\",\"v\":70},{\"n\":\"urn:dev:bed-0001:hr\",\"v\":80}]"
            + " | record 2: a second value of hr at the same time",
        "[{\"bn\":\"urn:dev:bed-0001:\",\"bt\":1764460800,\"n\":\"hr\",\"v\":70},"
            + "{\"n\":\"rr\",\"v\":14},{\"n\":\"hr\",\"t\":0,\"v\":80}]"
            + " | record 3: a second value of hr at the same time",
      })
  void refusesAPackThatGivesOneMetricTwoValuesAtOneTime(String json, String problem) {
    assertRejected(json, Reason.DUPLICATE).hasMessageContaining(problem);
  }

  @Test
  void acceptsOneMetricAtDifferentTimes() {
    Telemetry t =
        decode(
            "[{\"bn\":\"urn:dev:bed-0001:\",\"bt\":1764460800,\"n\":\"hr\",\"v\":70},"
                + "{\"n\":\"hr\",\"t\":1,\"v\":80}]");

    assertThat(t.readings()).hasSize(2);
  }

  @Test
  void quotesWhatTheSenderWroteShortAndOnOneLine() {
    String longName = "urn:dev:bed-0001:" + "x".repeat(100);

    assertRejected("[{\"n\":\"" + longName + "\",\"v\":1}]", Reason.UNKNOWN_METRIC)
        .hasMessage("record 1: unknown metric \"" + "x".repeat(40) + "...\"");
    assertRejected("[{\"n\":\"urn:dev:bed-0001:hr\",\"u\":\"a\\nb\",\"v\":1}]", Reason.DECODE)
        .hasMessage("record 1: unit \"a?b\" is not accepted for metric hr");
  }

  @Test
  void rejectsAnUnknownMetricAsSuch() {
    assertRejected("[{\"n\":\"urn:dev:bed-0001:glucose\",\"v\":5.4}]", Reason.UNKNOWN_METRIC)
        .hasMessageContaining("glucose");
  }

  @Test
  void rejectsTimesBeyondTheYear9999AsBadTime() {
    assertRejected("[{\"n\":\"urn:dev:bed-0001:hr\",\"t\":1e15,\"v\":70}]", Reason.BAD_TIME);
    assertRejected("[{\"n\":\"urn:dev:bed-0001:hr\",\"t\":-1e15,\"v\":70}]", Reason.BAD_TIME);
  }

  @Test
  void rejectsValuesThatOverflowInConversion() {
    assertRejected("[{\"n\":\"urn:dev:bed-0001:hr\",\"u\":\"1/s\",\"v\":1e308}]", Reason.DECODE)
        .hasMessageContaining("finite");
  }

  @Test
  void encodesWhatItDecodes() {
    Telemetry t =
        new Telemetry(
            -1,
            List.of(
                new Reading(Metric.HR, NOW + 123, 72),
                new Reading(Metric.SPO2, NOW, 97.5),
                new Reading(Metric.MOVEMENT, NOW + 5000, 12)),
            Optional.of(BED));

    assertThat(codec.decode(codec.encode(t))).isEqualTo(t);
  }

  @Test
  void refusesToEncodeWithoutADeviceOrWithTimesSenmlWouldTakeAsRelative() {
    List<Reading> readings = List.of(new Reading(Metric.HR, NOW, 72));

    assertThatThrownBy(() -> codec.encode(new Telemetry(-1, readings)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                codec.encode(
                    new Telemetry(
                        -1, List.of(new Reading(Metric.HR, 1_000, 72)), Optional.of(BED))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void roundTripsAnyTelemetry(@ForAll("telemetry") Telemetry telemetry) {
    assertThat(codec.decode(codec.encode(telemetry))).isEqualTo(telemetry);
  }

  @Property(tries = 2000)
  void arbitraryBytesNeverEscapeAsAnythingButRejection(@ForAll byte[] bytes) {
    decodeOrReject(bytes);
  }

  @Property(tries = 2000)
  void truncatedPayloadsAreDecodedOrRejected(
      @ForAll("telemetry") Telemetry telemetry, @ForAll("fractions") double where) {
    byte[] full = codec.encode(telemetry);

    decodeOrReject(Arrays.copyOf(full, (int) (full.length * where)));
  }

  @Property(tries = 2000)
  void payloadsWithFlippedBytesAreDecodedOrRejected(
      @ForAll("telemetry") Telemetry telemetry,
      @ForAll("fractions") double where,
      @ForAll byte mask) {
    byte[] bytes = codec.encode(telemetry);
    int i = Math.min(bytes.length - 1, (int) (bytes.length * where));
    bytes[i] ^= mask == 0 ? 1 : mask;

    decodeOrReject(bytes);
  }

  void decodeOrReject(byte[] bytes) {
    try {
      codec.decode(bytes);
    } catch (RejectedException expected) {
      assertThat(expected.reason())
          .isIn(
              Reason.DECODE,
              Reason.UNKNOWN_METRIC,
              Reason.BAD_TIME,
              Reason.BAD_ENCODING,
              Reason.DUPLICATE);
      assertThat(expected.getMessage()).isNotBlank().hasSizeLessThan(200);
    }
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1);
  }

  @Provide
  Arbitrary<Telemetry> telemetry() {
    Arbitrary<DeviceId> device =
        Combinators.combine(
                Arbitraries.strings().alpha().numeric().ofLength(1),
                Arbitraries.strings().alpha().numeric().withChars("._-").ofMaxLength(30))
            .as((first, rest) -> new DeviceId(first + rest));
    Arbitrary<Long> base = Arbitraries.longs().between((1L << 28) * 1000, 4_102_444_800_000L);
    Arbitrary<List<Metric>> metrics =
        Arbitraries.of(Metric.class).set().ofMinSize(1).ofMaxSize(4).map(ArrayList::new);
    Arbitrary<List<Long>> offsets = Arbitraries.longs().between(0, 3_600_000).list().ofSize(4);
    Arbitrary<List<Double>> fractions = Arbitraries.doubles().between(0, 1).list().ofSize(4);
    return Combinators.combine(device, base, metrics, offsets, fractions)
        .as(
            (d, b, ms, os, fs) -> {
              List<Reading> readings = new ArrayList<>();
              for (int i = 0; i < ms.size(); i++) {
                readings.add(
                    new Reading(ms.get(i), b + os.get(i), plausible(ms.get(i), fs.get(i))));
              }
              return new Telemetry(-1, readings, Optional.of(d));
            });
  }

  /** A value in the metric's range, with at most two decimals (whole for 0/1 metrics). */
  private static double plausible(Metric m, double fraction) {
    double v = m.min() + fraction * (m.max() - m.min());
    return m.max() == 1 ? Math.rint(v) : Math.rint(v * 100) / 100;
  }
}

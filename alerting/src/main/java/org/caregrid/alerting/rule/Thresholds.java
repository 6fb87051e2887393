package org.caregrid.alerting.rule;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.caregrid.core.reading.Metric;

/**
 * A resident's effective thresholds: the platform defaults ({@code alerting.rules}) overridden by
 * keys of their care plan ({@code resident.care_plan}, jsonb). Other keys in the care plan are left
 * alone; a known key with a value of the wrong type is refused, naming the key.
 *
 * <table>
 *   <caption>Care-plan keys</caption>
 *   <tr><th>key</th><th>value</th><th>overrides</th></tr>
 *   <tr><td>{@code night_start}, {@code night_end}</td><td>"22:00"</td>
 *       <td>{@code alerting.rules.night}</td></tr>
 *   <tr><td>{@code bed_return_min}</td><td>minutes</td>
 *       <td>{@code alerting.rules.bed.no-return-after}</td></tr>
 *   <tr><td>{@code not_in_bed_by}, {@code not_up_by}</td><td>"23:00", "09:00"</td>
 *       <td>off unless set</td></tr>
 *   <tr><td>{@code inactivity_min}</td><td>minutes</td>
 *       <td>{@code alerting.rules.inactivity.after}</td></tr>
 *   <tr><td>{@code hr_low}, {@code hr_high}, {@code rr_low}, {@code rr_high}, {@code sbp_low},
 *       {@code sbp_high}, {@code temp_low}, {@code temp_high}</td><td>number</td>
 *       <td>the bands of {@code alerting.rules.vital-limit}</td></tr>
 *   <tr><td>{@code spo2_low}</td><td>number</td><td>the SpO2 limit, on either scale</td></tr>
 *   <tr><td>{@code news2_on_oxygen}</td><td>true/false</td><td>air (false)</td></tr>
 *   <tr><td>{@code news2_consciousness}</td><td>"A", "C", "V", "P", "U"</td><td>Alert</td></tr>
 * </table>
 */
public final class Thresholds {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("H:mm");

  private final NightWindow night;
  private final Duration bedReturn;
  private final LocalTime notInBedBy;
  private final LocalTime notUpBy;
  private final Duration inactivity;
  private final Map<Metric, VitalBand> bands;
  private final VitalBand spo2Scale2;
  private final boolean onOxygen;
  private final Consciousness consciousness;

  private Thresholds(Builder b) {
    this.night = new NightWindow(b.nightStart, b.nightEnd);
    this.bedReturn = b.bedReturn;
    this.notInBedBy = b.notInBedBy;
    this.notUpBy = b.notUpBy;
    this.inactivity = b.inactivity;
    this.bands = b.bands;
    this.spo2Scale2 = b.spo2Scale2;
    this.onOxygen = b.onOxygen;
    this.consciousness = b.consciousness;
  }

  /**
   * The defaults overridden by the care plan's keys.
   *
   * @throws IllegalArgumentException naming the key, when a known key has a value that does not fit
   */
  public static Thresholds of(RuleConfig defaults, JsonObject carePlan) {
    Builder b = new Builder(defaults);
    CarePlan plan = new CarePlan(carePlan);
    plan.time("night_start").ifPresent(t -> b.nightStart = t);
    plan.time("night_end").ifPresent(t -> b.nightEnd = t);
    plan.minutes("bed_return_min").ifPresent(d -> b.bedReturn = d);
    plan.time("not_in_bed_by").ifPresent(t -> b.notInBedBy = t);
    plan.time("not_up_by").ifPresent(t -> b.notUpBy = t);
    plan.minutes("inactivity_min").ifPresent(d -> b.inactivity = d);
    b.band(plan, Metric.HR, "hr");
    b.band(plan, Metric.RR, "rr");
    b.band(plan, Metric.SBP, "sbp");
    b.band(plan, Metric.TEMP, "temp");
    Optional<Double> spo2 = plan.number("spo2_low");
    if (spo2.isPresent()) {
      b.bands.put(Metric.SPO2, VitalBand.below(spo2.get(), b.bands.get(Metric.SPO2).hysteresis()));
      b.spo2Scale2 = VitalBand.below(spo2.get(), b.spo2Scale2.hysteresis());
    }
    plan.bool("news2_on_oxygen").ifPresent(o -> b.onOxygen = o);
    plan.text("news2_consciousness")
        .ifPresent(
            c -> b.consciousness = plan.parse("news2_consciousness", c, Consciousness::fromCode));
    return new Thresholds(b);
  }

  /** The platform defaults alone, for a resident without a care plan. */
  public static Thresholds defaults(RuleConfig defaults) {
    return of(defaults, new JsonObject());
  }

  public NightWindow night() {
    return night;
  }

  public Duration bedReturn() {
    return bedReturn;
  }

  public Optional<LocalTime> notInBedBy() {
    return Optional.ofNullable(notInBedBy);
  }

  public Optional<LocalTime> notUpBy() {
    return Optional.ofNullable(notUpBy);
  }

  public Duration inactivity() {
    return inactivity;
  }

  /** The band for a vital sign (pulse, respiration, SpO2 on the given scale, systolic, temp). */
  public Optional<VitalBand> band(Metric metric, boolean spo2Scale2) {
    if (metric == Metric.SPO2 && spo2Scale2) {
      return Optional.of(this.spo2Scale2);
    }
    return Optional.ofNullable(bands.get(metric));
  }

  /** Staff recorded supplemental oxygen (NEWS2 counts air otherwise). */
  public boolean onOxygen() {
    return onOxygen;
  }

  /** Staff-recorded ACVPU level (NEWS2 counts Alert otherwise). */
  public Consciousness consciousness() {
    return consciousness;
  }

  private static final class Builder {
    LocalTime nightStart;
    LocalTime nightEnd;
    Duration bedReturn;
    LocalTime notInBedBy;
    LocalTime notUpBy;
    Duration inactivity;
    final Map<Metric, VitalBand> bands = new EnumMap<>(Metric.class);
    VitalBand spo2Scale2;
    boolean onOxygen;
    Consciousness consciousness = Consciousness.ALERT;

    Builder(RuleConfig c) {
      nightStart = c.night().start();
      nightEnd = c.night().end();
      bedReturn = c.bed().noReturnAfter();
      inactivity = c.inactivity().after();
      RuleConfig.VitalLimit v = c.vitalLimit();
      bands.put(Metric.HR, band(v.pulse()));
      bands.put(Metric.RR, band(v.respiration()));
      bands.put(Metric.SPO2, VitalBand.below(v.spo2().low(), v.spo2().hysteresis()));
      bands.put(Metric.SBP, band(v.systolic()));
      bands.put(Metric.TEMP, band(v.temperature()));
      spo2Scale2 = VitalBand.below(v.spo2().lowScale2(), v.spo2().hysteresis());
    }

    void band(CarePlan plan, Metric metric, String prefix) {
      VitalBand d = bands.get(metric);
      double low = plan.number(prefix + "_low").orElse(d.low());
      double high = plan.number(prefix + "_high").orElse(d.high());
      if (!(low < high)) {
        throw new IllegalArgumentException(
            "care plan keys '%s_low'/'%s_high': low must be below high, got %s and %s"
                .formatted(prefix, prefix, low, high));
      }
      bands.put(metric, new VitalBand(low, high, d.hysteresis()));
    }

    private static VitalBand band(RuleConfig.Band b) {
      return new VitalBand(b.low(), b.high(), b.hysteresis());
    }
  }

  /** Typed reads of care-plan keys, each failure naming its key. */
  private record CarePlan(JsonObject json) {
    Optional<Object> value(String key) {
      return Optional.ofNullable(json.getValue(key));
    }

    Optional<Double> number(String key) {
      return value(key).map(v -> expect(key, v, Number.class, "a number").doubleValue());
    }

    Optional<Boolean> bool(String key) {
      return value(key).map(v -> expect(key, v, Boolean.class, "true or false"));
    }

    Optional<String> text(String key) {
      return value(key).map(v -> expect(key, v, String.class, "a string"));
    }

    Optional<LocalTime> time(String key) {
      return text(key).map(t -> parse(key, t, s -> LocalTime.parse(s.trim(), CLOCK)));
    }

    Optional<Duration> minutes(String key) {
      return number(key)
          .map(
              m -> {
                if (!(m > 0)) {
                  throw new IllegalArgumentException(
                      "care plan key '" + key + "': minutes must be positive, got " + m);
                }
                return Duration.ofSeconds(Math.round(m * 60));
              });
    }

    <T> T parse(String key, String text, Function<String, T> parser) {
      try {
        return parser.apply(text);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new IllegalArgumentException(
            "care plan key '" + key + "': " + e.getMessage() + " (" + text + ")", e);
      }
    }

    private static <T> T expect(String key, Object value, Class<T> type, String what) {
      if (!type.isInstance(value)) {
        throw new IllegalArgumentException(
            "care plan key '" + key + "': expected " + what + ", got " + value);
      }
      return type.cast(value);
    }
  }
}

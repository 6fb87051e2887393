package org.caregrid.sim.district;

import java.util.Random;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.sim.district.District.Encoding;

/**
 * The shares that shape the generated residents and homes. research/domain.md has no population or
 * device-mix figures for the programme (its §1.8 names the devices deployed for solitary elders,
 * not how many), so these are stated assumptions, kept in this one place to be replaced by the
 * programme's enrolment figures when the customer provides them.
 */
final class Population {
  /** Ages at the start of the simulated year: 65-74, 75-84, 85-95. */
  static final double[] AGE_BAND_SHARES = {0.35, 0.45, 0.20};

  static final double LIVES_ALONE = 0.35;
  static final double DEMENTIA = 0.12;
  static final double COPD = 0.10;

  /** Fall detectors for the oldest band and dementia always, otherwise this share of homes. */
  static final double FALL_DETECTOR_OTHERWISE = 0.25;

  /** Door and motion sensors for residents living alone or with dementia, otherwise this share. */
  static final double DOOR_AND_MOTION_OTHERWISE = 0.20;

  static final double SMOKE_SENSOR = 0.50;

  /** Beds and vitals monitors: compact JSON, SenML JSON over MQTT, SenML CBOR over CoAP. */
  static final double[] MONITOR_ENCODING_SHARES = {0.50, 0.25, 0.25};

  /** Sensors and pendants on a home gateway: compact JSON or SenML JSON over MQTT. */
  static final double SENSOR_SENML_SHARE = 0.30;

  private Population() {}

  static int age(Random random) {
    double u = random.nextDouble();
    if (u < AGE_BAND_SHARES[0]) {
      return 65 + random.nextInt(10);
    } else if (u < AGE_BAND_SHARES[0] + AGE_BAND_SHARES[1]) {
      return 75 + random.nextInt(10);
    }
    return 85 + random.nextInt(11);
  }

  static Encoding encoding(DeviceKind kind, Random random) {
    double u = random.nextDouble();
    if (kind == DeviceKind.CARE_BED || kind == DeviceKind.VITALS_MONITOR) {
      return u < MONITOR_ENCODING_SHARES[0]
          ? Encoding.MQTT_COMPACT_JSON
          : u < MONITOR_ENCODING_SHARES[0] + MONITOR_ENCODING_SHARES[1]
              ? Encoding.MQTT_SENML_JSON
              : Encoding.COAP_SENML_CBOR;
    }
    return u < SENSOR_SENML_SHARE ? Encoding.MQTT_SENML_JSON : Encoding.MQTT_COMPACT_JSON;
  }

  /**
   * Seconds between reports. Not standardised (research/domain.md §1.5: heartbeat intervals NOT
   * FOUND); a bed every 10 s gives the platform's 60 s vital-sign window six readings, the 30 s of
   * one bed product's default (§2.3) would give it two, too few to average.
   */
  static int interval(DeviceKind kind) {
    return switch (kind) {
      case CARE_BED -> 10;
      case MOTION_SENSOR -> 60;
      case VITALS_MONITOR, SOS_PENDANT, FALL_DETECTOR -> 300;
      case DOOR_SENSOR -> 600;
      case SMOKE_SENSOR, GAS_SENSOR -> 3600;
    };
  }
}

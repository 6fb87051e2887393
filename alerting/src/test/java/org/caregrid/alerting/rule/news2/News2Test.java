package org.caregrid.alerting.rule.news2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.caregrid.alerting.rule.Consciousness;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.reading.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Chart 1 of NEWS2 (research/domain.md §2.1), at both sides of every band edge. */
class News2Test {

  @ParameterizedTest(name = "respiration {0}/min scores {1}")
  @CsvSource({"0,3", "8,3", "9,1", "11,1", "12,0", "20,0", "21,2", "24,2", "25,3", "60,3"})
  void respirationBands(double rate, int score) {
    assertThat(News2.respiration(rate)).isEqualTo(score);
  }

  @ParameterizedTest(name = "SpO2 {0} % on scale 1 scores {1}")
  @CsvSource({"70,3", "91,3", "92,2", "93,2", "94,1", "95,1", "96,0", "100,0"})
  void spo2Scale1Bands(double percent, int score) {
    assertThat(News2.spo2Scale1(percent)).isEqualTo(score);
  }

  @ParameterizedTest(name = "SpO2 {0} % on scale 2, oxygen {1}, scores {2}")
  @CsvSource({
    "70,false,3",
    "83,false,3",
    "84,false,2",
    "85,false,2",
    "86,false,1",
    "87,false,1",
    "88,false,0",
    "92,false,0",
    "93,false,0",
    "97,false,0",
    "100,false,0",
    "83,true,3",
    "84,true,2",
    "85,true,2",
    "86,true,1",
    "87,true,1",
    "88,true,0",
    "92,true,0",
    "93,true,1",
    "94,true,1",
    "95,true,2",
    "96,true,2",
    "97,true,3",
    "100,true,3"
  })
  void spo2Scale2Bands(double percent, boolean onOxygen, int score) {
    assertThat(News2.spo2Scale2(percent, onOxygen)).isEqualTo(score);
  }

  @Test
  void oxygenScoresTwoAndAirNothing() {
    assertThat(News2.airOrOxygen(true)).isEqualTo(2);
    assertThat(News2.airOrOxygen(false)).isZero();
  }

  @ParameterizedTest(name = "systolic {0} mmHg scores {1}")
  @CsvSource({
    "60,3", "90,3", "91,2", "100,2", "101,1", "110,1", "111,0", "219,0", "220,3", "280,3"
  })
  void systolicBands(double mmHg, int score) {
    assertThat(News2.systolic(mmHg)).isEqualTo(score);
  }

  @ParameterizedTest(name = "pulse {0}/min scores {1}")
  @CsvSource({
    "25,3", "40,3", "41,1", "50,1", "51,0", "90,0", "91,1", "110,1", "111,2", "130,2", "131,3",
    "200,3"
  })
  void pulseBands(double perMinute, int score) {
    assertThat(News2.pulse(perMinute)).isEqualTo(score);
  }

  @ParameterizedTest(name = "temperature {0} °C scores {1}")
  @CsvSource({
    "33.0,3", "35.0,3", "35.1,1", "36.0,1", "36.1,0", "38.0,0", "38.1,1", "39.0,1", "39.1,2",
    "41.0,2"
  })
  void temperatureBands(double celsius, int score) {
    assertThat(News2.temperature(celsius)).isEqualTo(score);
  }

  @ParameterizedTest(name = "{0} scores 3")
  @EnumSource(value = Consciousness.class, names = "ALERT", mode = EnumSource.Mode.EXCLUDE)
  void anythingButAlertScoresThree(Consciousness level) {
    assertThat(News2.consciousness(level)).isEqualTo(3);
    assertThat(News2.consciousness(Consciousness.ALERT)).isZero();
  }

  @Test
  void valuesAreRoundedToTheChartsPrecisionFirst() {
    assertThat(News2.pulse(90.4)).isZero();
    assertThat(News2.pulse(90.5)).isEqualTo(1);
    assertThat(News2.temperature(38.04)).isZero();
    assertThat(News2.temperature(38.05)).isEqualTo(1);
    assertThat(News2.spo2Scale1(91.4)).isEqualTo(3);
  }

  @Test
  void sevenOrMoreIsAnEmergency() {
    // RR 25 → 3, SpO2 93 → 2, pulse 111 → 2
    News2Score s = score(Map.of(Metric.RR, 25.0, Metric.SPO2, 93.0, Metric.HR, 111.0));

    assertThat(s.total()).isEqualTo(7);
    assertThat(s.band()).isEqualTo(News2Score.Band.EMERGENCY);
    assertThat(s.band().severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void fiveOrSixIsUrgent() {
    // RR 21 → 2, SpO2 93 → 2, temperature 38.5 → 1
    News2Score five = score(Map.of(Metric.RR, 21.0, Metric.SPO2, 93.0, Metric.TEMP, 38.5));
    // the same plus systolic 105 → 1
    News2Score six =
        score(Map.of(Metric.RR, 21.0, Metric.SPO2, 93.0, Metric.TEMP, 38.5, Metric.SBP, 105.0));

    assertThat(five.total()).isEqualTo(5);
    assertThat(six.total()).isEqualTo(6);
    assertThat(five.band().severity()).isEqualTo(Severity.HIGH);
    assertThat(six.band().severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void aSingleThreeBelowFiveIsARedScoreAndFourWithoutOneIsNothing() {
    News2Score red = score(Map.of(Metric.HR, 131.0, Metric.RR, 15.0));
    News2Score four = score(Map.of(Metric.RR, 21.0, Metric.SPO2, 93.0));

    assertThat(red.total()).isEqualTo(3);
    assertThat(red.band().severity()).isEqualTo(Severity.MEDIUM);
    assertThat(four.total()).isEqualTo(4);
    assertThat(four.band()).isEqualTo(News2Score.Band.NONE);
  }

  @Test
  void staffRecordedOxygenAndConsciousnessCount() {
    News2Score s = News2.score(Map.of(Metric.SPO2, 95.0), true, true, Consciousness.fromCode("v"));

    // SpO2 95 on scale 2 with oxygen → 2, oxygen → 2, Voice → 3
    assertThat(s.total()).isEqualTo(7);
    assertThat(s.describe())
        .isEqualTo(
            "NEWS2 7 (partial): respiration -, SpO2 (scale 2) 2, oxygen 2, systolic BP -,"
                + " pulse -, consciousness V 3, temperature -");
  }

  @Test
  void theDescriptionListsEachParametersScore() {
    Map<Metric, Double> all = new EnumMap<>(Metric.class);
    all.put(Metric.RR, 22.0);
    all.put(Metric.SPO2, 97.0);
    all.put(Metric.SBP, 120.0);
    all.put(Metric.HR, 135.0);
    all.put(Metric.TEMP, 37.0);

    assertThat(score(all).describe())
        .isEqualTo(
            "NEWS2 5: respiration 2, SpO2 (scale 1) 0, air 0, systolic BP 0, pulse 3,"
                + " consciousness A 0, temperature 0");
  }

  private static News2Score score(Map<Metric, Double> vitals) {
    return News2.score(vitals, false, false, Consciousness.ALERT);
  }
}

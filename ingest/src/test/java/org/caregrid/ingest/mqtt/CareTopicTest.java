package org.caregrid.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.caregrid.core.device.DeviceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CareTopicTest {
  @Test
  void parsesTheThreeDeviceChannels() {
    assertThat(CareTopic.parse("care/bed-1/telemetry"))
        .contains(new CareTopic(new DeviceId("bed-1"), CareTopic.Channel.TELEMETRY));
    assertThat(CareTopic.parse("care/bed-1/event"))
        .get()
        .extracting(CareTopic::channel)
        .isEqualTo(CareTopic.Channel.EVENT);
    assertThat(CareTopic.parse("care/bed-1/status"))
        .get()
        .extracting(CareTopic::channel)
        .isEqualTo(CareTopic.Channel.STATUS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "care/bed-1",
        "care//telemetry",
        "care/bed-1/telemetry/x",
        "other/bed-1/telemetry",
        "care/bed 1/telemetry",
        "care/bed-1/cmd",
        "care/stations/alerts",
        "care/",
        "care",
        "care/bed-1/",
        "care/bed-1/telemetryx",
        "care/bed-1/telemetr",
        "care/bed-1/Telemetry",
        "care/bed-1//telemetry",
        "Care/bed-1/telemetry",
        "/care/bed-1/telemetry",
        "care/-bed/telemetry",
        "care/bed+/telemetry",
        "care/b\u00e9d/telemetry"
      })
  void refusesTopicsOutsideTheContract(String topic) {
    assertThat(CareTopic.parse(topic)).isEmpty();
  }

  @Test
  void takesIdsUpTo64Characters() {
    String longest = "d".repeat(64);
    assertThat(CareTopic.parse("care/" + longest + "/status"))
        .contains(new CareTopic(new DeviceId(longest), CareTopic.Channel.STATUS));
    assertThat(CareTopic.parse("care/" + longest + "d/status")).isEmpty();
  }

  @Test
  void sharedFilterJoinsTheIngestGroup() {
    assertThat(CareTopic.sharedFilter("ingest", CareTopic.Channel.TELEMETRY))
        .isEqualTo("$share/ingest/care/+/telemetry");
    assertThat(CareTopic.sharedFilter("ingest", CareTopic.Channel.STATUS))
        .isEqualTo("$share/ingest/care/+/status");
  }
}

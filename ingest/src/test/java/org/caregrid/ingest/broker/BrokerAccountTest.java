package org.caregrid.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.caregrid.core.device.DeviceId;
import org.junit.jupiter.api.Test;

/** The rules every broker enforces, the demo's as production's (decisions 0012, 0013). */
class BrokerAccountTest {
  private static final String HASH = "$7$101$aaaaaaaaaaaaaaaa$" + "b".repeat(86) + "==";

  @Test
  void aDeviceSubscribesToItsOwnCommandsAndNothingWider() {
    BrokerAccount bed = BrokerAccount.device(new DeviceId("bed-a"), HASH);

    assertThat(bed.maySubscribe("care/bed-a/cmd")).isTrue();
    assertThat(bed.maySubscribe("care/bed-a/+")).isFalse();
    assertThat(bed.maySubscribe("care/bed-a/#")).isFalse();
    assertThat(bed.maySubscribe("care/+/cmd")).isFalse();
    assertThat(bed.maySubscribe("$share/ingest/care/+/telemetry")).isFalse();
    assertThat(bed.maySubscribe("$share/g/care/bed-a/cmd")).isFalse();
    assertThat(bed.maySubscribe("#")).isFalse();
  }

  @Test
  void aDevicePublishesOnlyUnderItsOwnId() {
    BrokerAccount bed = BrokerAccount.device(new DeviceId("bed-a"), HASH);

    assertThat(bed.mayPublish("care/bed-a/telemetry")).isTrue();
    assertThat(bed.mayPublish("care/bed-a/event")).isTrue();
    assertThat(bed.mayPublish("care/bed-a/status")).isTrue();
    assertThat(bed.mayPublish("care/bed-a/cmd")).isFalse();
    assertThat(bed.mayPublish("care/bed-b/telemetry")).isFalse();
    assertThat(bed.mayPublish("care/stations/S1/alerts")).isFalse();
  }

  @Test
  void thePlatformJoinsAnyShareGroupOnDeviceUplinks() {
    BrokerAccount platform = BrokerAccount.platform("caregrid", HASH);

    assertThat(platform.maySubscribe("$share/ingest/care/+/telemetry")).isTrue();
    assertThat(platform.maySubscribe("$share/ingest/care/+/event")).isTrue();
    assertThat(platform.maySubscribe("care/+/status")).isTrue();
    assertThat(platform.maySubscribe("care/#")).isFalse();
    assertThat(platform.mayPublish("care/pendant-1/cmd")).isTrue();
    assertThat(platform.mayPublish("care/stations/S1C1/alerts")).isTrue();
    assertThat(platform.mayPublish("care/bed-a/telemetry")).isFalse();
  }

  @Test
  void aPanelReadsItsStationOnlyAndPublishesNothing() {
    BrokerAccount panel = BrokerAccount.stationPanel("S1C1", HASH);

    assertThat(panel.user()).isEqualTo("station.S1C1");
    assertThat(panel.maySubscribe("care/stations/S1C1/alerts")).isTrue();
    assertThat(panel.maySubscribe("care/stations/+/alerts")).isFalse();
    assertThat(panel.maySubscribe("care/stations/S1C2/alerts")).isFalse();
    assertThat(panel.mayPublish("care/stations/S1C1/alerts")).isFalse();
  }
}

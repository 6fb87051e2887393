package org.caregrid.core.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.AlertState;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;
import org.junit.jupiter.api.Test;

/** Bus messages survive the wire, as they must once the event bus is clustered. */
class RecordCodecTest {

  private static <T extends Record> T roundTrip(Class<T> type, T value) {
    RecordCodec<T> codec = new RecordCodec<>(type);
    Buffer buffer = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(buffer, value);
    return codec.decodeFromWire("prefix".length(), buffer);
  }

  @Test
  void readingBatchRoundTrips() {
    ReadingBatch batch =
        new ReadingBatch(
            new Device(3, new DeviceId("bed-3"), DeviceKind.CARE_BED, 9, Duration.ofSeconds(10)),
            17,
            List.of(
                new Reading(Metric.HR, 1_764_460_800_123L, 72),
                new Reading(Metric.SPO2, 1_764_460_800_123L, 96.5)),
            1_764_460_800_200L);

    assertThat(roundTrip(ReadingBatch.class, batch)).isEqualTo(batch);
  }

  @Test
  void alertChangeRoundTrips() {
    AlertChange change =
        new AlertChange(
            5,
            AlertKind.VITAL_LIMIT,
            Severity.HIGH,
            AlertState.RAISED,
            9,
            3,
            2,
            Instant.parse("2026-11-30T01:02:03.456Z"),
            Instant.parse("2026-11-30T01:02:33Z"),
            "pulse");

    assertThat(roundTrip(AlertChange.class, change)).isEqualTo(change);
  }

  @Test
  void withinOneJvmTheSameObjectIsPassed() {
    AlertChange change =
        new AlertChange(
            1,
            AlertKind.SOS,
            Severity.CRITICAL,
            AlertState.RAISED,
            1,
            1,
            1,
            Instant.EPOCH,
            Instant.EPOCH,
            "");

    assertThat(new RecordCodec<>(AlertChange.class).transform(change)).isSameAs(change);
  }
}

package org.caregrid.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceIdTest {
  /** The contract as a regular expression, for comparison with the hand-written check. */
  private static final Pattern CONTRACT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  @ParameterizedTest
  @ValueSource(strings = {"bed-1", "B", "9", "hall.sensor_2-b", "a123456789012345678901234567890"})
  void acceptsIdsSafeInTopicsAndUrns(String id) {
    assertThat(DeviceId.isValid(id)).isTrue();
    assertThat(new DeviceId(id).value()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "-bed", ".bed", "_bed", "bed 1", "bed/1", "bed+", "bed#", "bét", "bed\n", "ß"})
  void refusesOtherIds(String id) {
    assertThat(DeviceId.isValid(id)).isFalse();
    assertThatThrownBy(() -> new DeviceId(id)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allowsAtMost64Characters() {
    assertThat(DeviceId.isValid("a".repeat(64))).isTrue();
    assertThat(DeviceId.isValid("a".repeat(65))).isFalse();
    assertThat(DeviceId.isValid(null)).isFalse();
  }

  @Property(tries = 5000)
  void agreesWithTheContractsPattern(@ForAll("candidates") String id) {
    assertThat(DeviceId.isValid(id)).isEqualTo(CONTRACT.matcher(id).matches());
  }

  @Provide
  Arbitrary<String> candidates() {
    Arbitrary<String> nearlyValid =
        Arbitraries.strings().withChars("aZ09._-").ofMinLength(0).ofMaxLength(70);
    Arbitrary<String> anything =
        Arbitraries.strings()
            .withChars("\u00e9\u0130\u212a")
            .withCharRange('\u0000', '\u007f')
            .ofMinLength(0)
            .ofMaxLength(70);
    return Arbitraries.oneOf(nearlyValid, anything);
  }
}

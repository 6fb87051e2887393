package org.caregrid.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PskCipherTest {
  private static final DeviceId PENDANT = new DeviceId("sos-1");
  private static final byte[] PSK =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @TempDir Path dir;

  @Test
  void opensWhatItSealedAndTheSealedFormHoldsNoKeyInClear() throws Exception {
    PskCipher cipher = PskKeyFile.loadOrCreate(dir.resolve("psk.key"));

    byte[] sealed = cipher.seal(PENDANT, PSK);

    assertThat(cipher.open(PENDANT, sealed)).isEqualTo(PSK);
    assertThat(indexOf(sealed, PSK)).isNegative();
    assertThat(cipher.seal(PENDANT, PSK)).as("a fresh nonce each time").isNotEqualTo(sealed);
  }

  @Test
  void refusesAnAlteredKeyAKeyOfAnotherDeviceAndAnotherKeysSeal() throws Exception {
    PskCipher cipher = PskKeyFile.loadOrCreate(dir.resolve("psk.key"));
    byte[] sealed = cipher.seal(PENDANT, PSK);
    byte[] altered = sealed.clone();
    altered[20] ^= 1;

    assertThatThrownBy(() -> cipher.open(PENDANT, altered))
        .isInstanceOf(SealedPskException.class)
        .hasMessageContaining("sos-1")
        .hasMessageContaining(PskCipher.CONFIG_KEY);
    assertThatThrownBy(() -> cipher.open(new DeviceId("sos-2"), sealed))
        .isInstanceOf(SealedPskException.class);
    assertThatThrownBy(() -> PskCipher.of(new byte[32]).open(PENDANT, sealed))
        .isInstanceOf(SealedPskException.class);
    assertThatThrownBy(() -> cipher.open(PENDANT, Arrays.copyOf(sealed, 10)))
        .isInstanceOf(SealedPskException.class)
        .hasMessageContaining("not a sealed key");
  }

  @Test
  void withoutAKeyNothingIsSealedOrOpenedAndTheMessageNamesTheSetting() {
    PskCipher none = PskKeyFile.cipher("");

    assertThat(none.configured()).isFalse();
    assertThatThrownBy(() -> none.seal(PENDANT, PSK)).hasMessageContaining(PskCipher.CONFIG_KEY);
    assertThatThrownBy(() -> none.open(PENDANT, new byte[64]))
        .isInstanceOf(SealedPskException.class)
        .hasMessageContaining(PskCipher.CONFIG_KEY);
  }

  @Test
  void createsTheKeyFileForItsOwnerOnlyAndReadsTheSameKeyBack() throws Exception {
    Path file = dir.resolve("psk.key");
    byte[] sealed = PskKeyFile.loadOrCreate(file).seal(PENDANT, PSK);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PskKeyFile.cipher(file.toString()).open(PENDANT, sealed)).isEqualTo(PSK);
  }

  @Test
  void aMalformedKeyFileStopsTheStartNamingTheSetting() throws Exception {
    Path file = Files.writeString(dir.resolve("short.key"), "c2hvcnQ=\n");

    assertThatThrownBy(() -> PskKeyFile.cipher(file.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(PskCipher.CONFIG_KEY)
        .hasMessageContaining("32");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }
}

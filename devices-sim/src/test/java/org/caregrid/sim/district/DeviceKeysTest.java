package org.caregrid.sim.district;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceKeysTest {
  private static final District DISTRICT = new DistrictGenerator(1).generate(40);

  @TempDir Path dir;

  @Test
  void theSameSeedGivesTheSameDistrictButNeverTheSameKeys() {
    Map<String, byte[]> first = DeviceKeys.random(new DistrictGenerator(1).generate(40)).byDevice();
    Map<String, byte[]> second =
        DeviceKeys.random(new DistrictGenerator(1).generate(40)).byDevice();

    assertThat(first.keySet()).isEqualTo(coapDevices()).isEqualTo(second.keySet()).isNotEmpty();
    first.forEach(
        (uid, key) -> {
          assertThat(key).hasSize(16);
          assertThat(key).as(uid).isNotEqualTo(second.get(uid));
        });
  }

  @Test
  void writesTheKeysForItsOwnerOnlyAndReadsThemBack() throws Exception {
    DeviceKeys keys = DeviceKeys.random(DISTRICT);
    Path file = dir.resolve("device-keys");

    keys.write(file);
    DeviceKeys read = DeviceKeys.read(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(read.byDevice()).containsOnlyKeys(keys.byDevice().keySet());
    keys.byDevice().forEach((uid, key) -> assertThat(read.psk(uid)).isEqualTo(key));
  }

  @Test
  void aDeviceWithoutAKeyIsNamedWithTheFileItWasLookedUpIn() throws Exception {
    Path file = dir.resolve("device-keys");
    Files.writeString(file, "bed-1=00112233445566778899aabbccddeeff\n");

    assertThatThrownBy(() -> DeviceKeys.read(file).psk("vit-2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("vit-2")
        .hasMessageContaining(file.toString());
  }

  private static Set<String> coapDevices() {
    return DISTRICT.homes().stream()
        .flatMap(h -> h.devices().stream())
        .filter(d -> d.encoding().coap())
        .map(District.DeviceSpec::uid)
        .collect(Collectors.toSet());
  }
}

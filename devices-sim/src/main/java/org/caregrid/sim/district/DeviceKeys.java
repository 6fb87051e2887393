package org.caregrid.sim.district;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DTLS keys of a district's CoAP devices. Drawn from {@link SecureRandom}, never from the
 * district's seed: the seed is in the source and on every command line, so keys derived from it
 * would be everybody's. {@code district --enrol} keeps them in a file only its user can read, one
 * {@code uid=hex} a line, for {@code run} to read back; the demo keeps them in memory only.
 */
public final class DeviceKeys {
  private static final int KEY_BYTES = 16;
  private static final HexFormat HEX = HexFormat.of();

  private final Map<String, byte[]> byDevice;
  private final String source;

  private DeviceKeys(Map<String, byte[]> byDevice, String source) {
    this.byDevice = byDevice;
    this.source = source;
  }

  /** A fresh random key for each CoAP device of {@code district}. */
  public static DeviceKeys random(District district) {
    SecureRandom random = new SecureRandom();
    Map<String, byte[]> keys = new TreeMap<>();
    for (District.Home home : district.homes()) {
      for (District.DeviceSpec d : home.devices()) {
        if (d.encoding().coap()) {
          byte[] key = new byte[KEY_BYTES];
          random.nextBytes(key);
          keys.put(d.uid(), key);
        }
      }
    }
    return new DeviceKeys(keys, "new keys");
  }

  /** Reads the keys {@link #write} kept. */
  public static DeviceKeys read(Path file) throws IOException {
    Map<String, byte[]> keys = new TreeMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      int eq = line.indexOf('=');
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (eq < 1) {
        throw new IOException(file + ": not a uid=hex line: " + line.length() + " characters");
      }
      try {
        keys.put(line.substring(0, eq).strip(), HEX.parseHex(line.substring(eq + 1).strip()));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": the key of " + line.substring(0, eq) + " is not hex", e);
      }
    }
    return new DeviceKeys(keys, file.toString());
  }

  /** Writes the keys to {@code file}, replaced at once and readable by its owner only. */
  public void write(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("# DTLS keys of simulated devices: uid=hex. Secret: keep it to yourself.");
    byDevice.forEach((uid, key) -> lines.add(uid + "=" + HEX.formatHex(key)));
    Path dir = file.toAbsolutePath().getParent();
    Path temp =
        Files.createTempFile(
            dir,
            ".device-keys",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(temp, lines, StandardCharsets.US_ASCII);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Every key by device id. */
  public Map<String, byte[]> byDevice() {
    Map<String, byte[]> copy = new TreeMap<>();
    byDevice.forEach((uid, key) -> copy.put(uid, key.clone()));
    return copy;
  }

  /**
   * @throws IllegalStateException when there is no key for {@code uid}: the keys belong to another
   *     district
   */
  public byte[] psk(String uid) {
    byte[] key = byDevice.get(uid);
    if (key == null) {
      throw new IllegalStateException(
          "no DTLS key for " + uid + " in " + source + ": enrol and run with the same --keys file");
    }
    return key.clone();
  }

  @Override
  public String toString() {
    return "DeviceKeys[" + byDevice.size() + " from " + source + "]";
  }
}

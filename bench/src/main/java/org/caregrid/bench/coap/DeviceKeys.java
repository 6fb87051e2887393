package org.caregrid.bench.coap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.PskCipher;

/**
 * A random 16-byte DTLS pre-shared key per device, identity = device id: put in the registry for
 * the platform, and in a file for the bare server, which runs in a JVM of its own.
 */
final class DeviceKeys {
  private final Map<String, byte[]> keys;

  private DeviceKeys(Map<String, byte[]> keys) {
    this.keys = keys;
  }

  static DeviceKeys random(List<String> ids) {
    SecureRandom random = new SecureRandom();
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (String id : ids) {
      byte[] key = new byte[16];
      random.nextBytes(key);
      keys.put(id, key);
    }
    return new DeviceKeys(keys);
  }

  /** Reads what {@link #write} wrote: one {@code id hex-key} line per device. */
  static DeviceKeys read(Path file) throws IOException {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      int space = line.indexOf(' ');
      keys.put(line.substring(0, space), HexFormat.of().parseHex(line.substring(space + 1)));
    }
    return new DeviceKeys(keys);
  }

  void write(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    keys.forEach((id, key) -> lines.add(id + " " + HexFormat.of().formatHex(key)));
    Files.write(file, lines, StandardCharsets.US_ASCII);
  }

  /** Sets each enrolled device's key, sealed under {@code cipher} as the platform keeps it. */
  void enrol(DataSource db, PskCipher cipher) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement("UPDATE device SET psk_sealed = ? WHERE uid = ?")) {
      for (Map.Entry<String, byte[]> e : keys.entrySet()) {
        ps.setBytes(1, cipher.seal(new DeviceId(e.getKey()), e.getValue()));
        ps.setString(2, e.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  Map<String, byte[]> byDevice() {
    return keys;
  }
}

package org.caregrid.ingest.broker;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.MosquittoPasswordHash;

/**
 * Writes the configuration file of Mosquitto's dynamic-security plugin from the registry, so that
 * the broker enforces DESIGN §4: the device id is the MQTT username, a device writes only under
 * {@code care/{id}/} and reads only its own commands, and a station's panel reads only its own
 * station's help requests. No account may subscribe to what it may not read, so no device can join
 * ingest's share group and take its turn of the messages (docs/decisions/0012). Accounts are
 * written in a stable order, so that two exports of the same registry are identical and a changed
 * one diffs cleanly.
 */
public final class BrokerAuthExport {
  public static final String FILE = "dynamic-security.json";

  private final BrokerAccounts accounts;
  private final String platformUser;
  private final String platformPassword;

  /**
   * @param platformUser the platform's broker account; like a device id, it must be letters,
   *     digits, '.', '_' or '-', so it cannot break the file or match a topic wildcard
   */
  public BrokerAuthExport(DataSource registry, String platformUser, String platformPassword) {
    if (!DeviceId.isValid(platformUser)) {
      throw new IllegalArgumentException(
          "mqtt.username must be set to the platform's broker account (letters, digits, '.', '_',"
              + " '-'), got: '"
              + platformUser
              + "'");
    }
    if (platformPassword == null || platformPassword.isEmpty()) {
      throw new IllegalArgumentException("mqtt.password must be set for the platform's account");
    }
    this.accounts = new BrokerAccounts(registry);
    this.platformUser = platformUser;
    this.platformPassword = platformPassword;
  }

  /** What one export wrote, and the devices and stations it left out with the reason. */
  public record Result(Path file, long devices, long stationPanels, List<String> skipped) {}

  /** Reads the registry and replaces {@code dynamic-security.json} in {@code dir}. */
  public Result writeTo(Path dir) throws IOException, SQLException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE);
    BrokerAccount platform = BrokerAccount.platform(platformUser, platformHash(file));
    BrokerAccounts.Found found = accounts.load(platform);
    replace(file, DynamicSecurityJson.render(found.accounts()));
    return new Result(
        file,
        found.count(BrokerAccount.Kind.DEVICE),
        found.count(BrokerAccount.Kind.STATION_PANEL),
        found.skipped());
  }

  /** The platform's hash from the previous export while the password is unchanged: no diff. */
  private String platformHash(Path file) throws IOException {
    Optional<String> previous = Optional.empty();
    if (Files.isRegularFile(file)) {
      previous =
          DynamicSecurityJson.passwordHash(Files.readString(file, UTF_8), platformUser)
              .filter(hash -> MosquittoPasswordHash.verify(platformPassword, hash));
    }
    return previous.orElseGet(() -> MosquittoPasswordHash.hash(platformPassword));
  }

  /** Replaces {@code target} in one rename, so the broker never reads half a file. */
  private static void replace(Path target, String content) throws IOException {
    Path temp =
        Files.createTempFile(
            target.getParent(),
            "." + target.getFileName(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        // on disk before it takes the old file's place, or a crash could leave an empty file
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }
}

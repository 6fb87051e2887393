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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.MosquittoPasswordHash;

/**
 * Writes Mosquitto's {@code password_file} and {@code acl_file} from the registry, so that the
 * broker enforces DESIGN §4: the device id is the MQTT username, and a device writes only under
 * {@code care/{id}/}. Active devices with a credential hash are exported, in id order, so that two
 * exports of the same registry are identical and a changed one diffs cleanly.
 *
 * <p>The platform's own account (the {@code mqtt.username} ingest and alerting log in with) reads
 * every device's telemetry, events and status and writes commands and station alerts. Mosquitto 2.0
 * checks read access when it delivers a message, against the message's topic, so these rules also
 * cover ingest's shared subscription {@code $share/ingest/care/+/telemetry}.
 */
public final class BrokerAuthExport {
  public static final String PASSWORD_FILE = "passwd";
  public static final String ACL_FILE = "acl";

  /** What a device publishes on, under its own id (DESIGN §4). */
  private static final List<String> UPLINK = List.of("telemetry", "event", "status");

  private static final String DEVICES =
      "SELECT uid, credential_hash FROM device WHERE active AND credential_hash IS NOT NULL";

  private final DataSource registry;
  private final String platformUser;
  private final String platformPassword;

  /**
   * @param platformUser the platform's broker account; like a device id, it must be letters,
   *     digits, '.', '_' or '-', so it cannot break the files or match a topic wildcard
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
    this.registry = registry;
    this.platformUser = platformUser;
    this.platformPassword = platformPassword;
  }

  /** What one export wrote, and the devices it left out with the reason. */
  public record Result(Path passwordFile, Path aclFile, int devices, List<String> skipped) {}

  private record Account(String user, String hash) {}

  /** Reads the registry and replaces {@code passwd} and {@code acl} in {@code dir}. */
  public Result writeTo(Path dir) throws IOException, SQLException {
    Files.createDirectories(dir);
    Path passwordFile = dir.resolve(PASSWORD_FILE);
    Path aclFile = dir.resolve(ACL_FILE);
    List<String> skipped = new ArrayList<>();
    List<Account> devices = exportableDevices(skipped);
    Account platform = new Account(platformUser, platformHash(passwordFile));

    // A reload between the two moves grants nothing extra: a user's rules depend only on its name.
    replace(aclFile, acl(devices));
    replace(passwordFile, passwords(platform, devices));
    Collections.sort(skipped);
    return new Result(passwordFile, aclFile, devices.size(), List.copyOf(skipped));
  }

  private String passwords(Account platform, List<Account> devices) {
    StringBuilder file = new StringBuilder();
    // No header comment: mosquitto.conf(5) documents comments for the ACL file, not for this one
    for (Account account : Stream.concat(Stream.of(platform), devices.stream()).toList()) {
      file.append(account.user()).append(':').append(account.hash()).append('\n');
    }
    return file.toString();
  }

  private String acl(List<Account> devices) {
    StringBuilder file = new StringBuilder();
    file.append("# Written by `caregrid broker-auth` from the device registry; edits are lost on")
        .append(" the next export.\n\n");
    file.append("user ").append(platformUser).append('\n');
    for (String channel : UPLINK) {
      file.append("topic read care/+/").append(channel).append('\n');
    }
    file.append("topic write care/+/cmd\n");
    file.append("topic write care/stations/#\n");
    for (Account device : devices) {
      String own = "care/" + device.user() + "/";
      file.append("\nuser ").append(device.user()).append('\n');
      for (String channel : UPLINK) {
        file.append("topic write ").append(own).append(channel).append('\n');
      }
      file.append("topic read ").append(own).append("cmd\n");
    }
    return file.toString();
  }

  private List<Account> exportableDevices(List<String> skipped) throws SQLException {
    List<Account> devices = new ArrayList<>();
    try (Connection c = registry.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(DEVICES)) {
      while (rs.next()) {
        String uid = rs.getString(1);
        String hash = rs.getString(2);
        if (!DeviceId.isValid(uid)) {
          // such an id could break the files or widen a rule; ingest refuses it anyway
          skipped.add("'" + uid + "': not a valid device id");
        } else if (!MosquittoPasswordHash.isWellFormed(hash)) {
          skipped.add(uid + ": credential_hash is not a Mosquitto 2.0 PBKDF2 hash");
        } else if (uid.equals(platformUser)) {
          throw new IllegalStateException(
              "device " + uid + " has the platform's broker account name (mqtt.username)");
        } else {
          devices.add(new Account(uid, hash));
        }
      }
    }
    // In Java, not SQL: the database's collation must not change the order
    devices.sort(Comparator.comparing(Account::user));
    return devices;
  }

  /** The platform's hash from the previous export while the password is unchanged: no diff. */
  private String platformHash(Path passwordFile) throws IOException {
    Optional<String> previous = Optional.empty();
    if (Files.isRegularFile(passwordFile)) {
      String prefix = platformUser + ":";
      previous =
          Files.readAllLines(passwordFile, UTF_8).stream()
              .filter(line -> line.startsWith(prefix))
              .map(line -> line.substring(prefix.length()))
              .filter(MosquittoPasswordHash::isWellFormed)
              .filter(hash -> MosquittoPasswordHash.verify(platformPassword, hash))
              .findFirst();
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

package org.caregrid.core.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The file that holds the key {@link PskCipher} seals devices' PSKs under: 32 random bytes in
 * Base64 on one line ({@code openssl rand -base64 32}), readable by the platform's user only. Kept
 * outside the database, so that a dump or a backup of it does not carry the key with the keys.
 */
public final class PskKeyFile {
  private PskKeyFile() {}

  /** The cipher for {@code setting}: unconfigured when empty, else the key in that file. */
  public static PskCipher cipher(String setting) {
    if (setting == null || setting.isBlank()) {
      return PskCipher.unconfigured();
    }
    return load(Path.of(setting));
  }

  /**
   * @throws IllegalStateException naming the file and the setting when it is missing or malformed
   */
  public static PskCipher load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read " + PskCipher.CONFIG_KEY + " " + file + ": " + e.getMessage(), e);
    }
    try {
      return PskCipher.of(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          PskCipher.CONFIG_KEY
              + " "
              + file
              + " must hold 32 bytes in Base64 (openssl rand -base64 32): "
              + e.getMessage(),
          e);
    }
  }

  /** Loads {@code file}, or first writes a new random key there (mode 0600) when there is none. */
  public static PskCipher loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] key = new byte[PskCipher.KEY_BYTES];
      new SecureRandom().nextBytes(key);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          file,
          Base64.getEncoder().encodeToString(key) + "\n",
          StandardCharsets.US_ASCII,
          StandardOpenOption.TRUNCATE_EXISTING);
    }
    return load(file);
  }
}

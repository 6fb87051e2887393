package org.caregrid.core.device;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals devices' DTLS pre-shared keys for the database ({@code device.psk_sealed}) with AES-256-GCM
 * under the platform's key ({@code database.psk-key-file}): ingest must read a PSK back to answer a
 * handshake, so it cannot be hashed, but a copy of the database alone gives nobody a device's key.
 * The device id is the associated data, so a sealed key copied onto another device's row is refused
 * like an altered one. Layout: version (1 byte), nonce (12), ciphertext with its 16-byte tag.
 */
public final class PskCipher {
  /** The configuration key that names the key file, for every message that needs it. */
  public static final String CONFIG_KEY = "database.psk-key-file";

  public static final int KEY_BYTES = 32;

  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BITS / 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private PskCipher(SecretKeySpec key) {
    this.key = key;
  }

  /** A cipher under {@code key}, 32 bytes. */
  public static PskCipher of(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          CONFIG_KEY + " must hold a " + KEY_BYTES + "-byte key, got " + key.length + " bytes");
    }
    return new PskCipher(new SecretKeySpec(key.clone(), "AES"));
  }

  /** Where no key is configured: sealing and opening refuse, naming the setting. */
  public static PskCipher unconfigured() {
    return new PskCipher(null);
  }

  public boolean configured() {
    return key != null;
  }

  /** Seals {@code psk} for {@code device}'s row; a fresh random nonce each time. */
  public byte[] seal(DeviceId device, byte[] psk) {
    requireKey();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher gcm = gcm(Cipher.ENCRYPT_MODE, nonce, device);
      byte[] sealed = gcm.doFinal(psk);
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
          .put(VERSION)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e, e);
    }
  }

  /**
   * The PSK sealed in {@code sealed} for {@code device}.
   *
   * @throws SealedPskException when the row was altered, belongs to another device, or was sealed
   *     under another key, or no key is configured
   */
  public byte[] open(DeviceId device, byte[] sealed) {
    if (key == null) {
      throw new SealedPskException(device, CONFIG_KEY + " is not set");
    }
    if (sealed.length <= OVERHEAD || sealed[0] != VERSION) {
      throw new SealedPskException(device, "not a sealed key of a known version");
    }
    try {
      Cipher gcm = gcm(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES), device);
      return gcm.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new SealedPskException(
          device, "altered, copied from another device, or sealed under another " + CONFIG_KEY);
    } catch (GeneralSecurityException e) {
      throw new SealedPskException(device, e.toString());
    }
  }

  private Cipher gcm(int mode, byte[] nonce, DeviceId device) throws GeneralSecurityException {
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    gcm.updateAAD(device.value().getBytes(StandardCharsets.UTF_8));
    return gcm;
  }

  private void requireKey() {
    if (key == null) {
      throw new IllegalStateException(
          CONFIG_KEY + " is not set: devices' DTLS keys can be neither stored nor read");
    }
  }

  @Override
  public String toString() {
    return "PskCipher[" + (configured() ? "configured" : "unconfigured") + "]";
  }
}

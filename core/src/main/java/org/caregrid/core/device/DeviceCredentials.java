package org.caregrid.core.device;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A device's broker password, issued once: {@link #secret} goes to whoever provisions the device
 * and is not kept; {@link #hash} goes to {@code device.credential_hash}, from where ingest's {@code
 * broker-auth} export hands it to the broker.
 *
 * @param device the MQTT username the secret belongs to
 * @param secret 192 random bits, URL-safe Base64 (no {@code :}, so it fits the password file)
 * @param hash the secret in Mosquitto's password-file format
 */
public record DeviceCredentials(DeviceId device, String secret, String hash) {
  private static final int SECRET_BYTES = 24;
  private static final SecureRandom RANDOM = new SecureRandom();

  public static DeviceCredentials issue(DeviceId device) {
    byte[] random = new byte[SECRET_BYTES];
    RANDOM.nextBytes(random);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    return new DeviceCredentials(device, secret, MosquittoPasswordHash.hash(secret));
  }

  @Override
  public String toString() {
    return "DeviceCredentials[device=" + device + ", secret=***, hash=" + hash + "]";
  }
}

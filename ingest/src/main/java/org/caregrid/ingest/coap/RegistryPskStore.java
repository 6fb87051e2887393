package org.caregrid.ingest.coap;

import java.net.InetSocketAddress;
import javax.crypto.SecretKey;
import org.caregrid.core.device.DeviceId;
import org.caregrid.ingest.registry.DeviceRegistry;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.SecretUtil;

/**
 * DTLS pre-shared keys from the device registry: the PSK identity is the device id. The registry
 * answers from memory, so the handshake thread never waits and no asynchronous result is needed.
 */
final class RegistryPskStore implements AdvancedPskStore {
  private final DeviceRegistry registry;

  RegistryPskStore(DeviceRegistry registry) {
    this.registry = registry;
  }

  @Override
  public boolean hasEcdhePskSupported() {
    return true;
  }

  @Override
  public PskSecretResult requestPskSecretResult(
      ConnectionId cid,
      org.eclipse.californium.scandium.util.ServerNames serverName,
      PskPublicInformation identity,
      String hmacAlgorithm,
      SecretKey otherSecret,
      byte[] seed,
      boolean useExtendedMasterSecret) {
    String id = identity.getPublicInfoAsString();
    SecretKey key =
        DeviceId.isValid(id)
            ? registry.psk(new DeviceId(id)).map(k -> SecretUtil.create(k, "PSK")).orElse(null)
            : null;
    // A null secret fails the handshake: unknown devices never get a session.
    return new PskSecretResult(cid, identity, key);
  }

  @Override
  public PskPublicInformation getIdentity(
      InetSocketAddress peerAddress,
      org.eclipse.californium.scandium.util.ServerNames virtualHost) {
    return null; // server side only: we never start handshakes
  }

  @Override
  public void setResultHandler(HandshakeResultHandler resultHandler) {
    // Results are returned directly above, never later.
  }
}

package org.caregrid.ingest.coap;

import io.vertx.core.Future;
import java.net.InetSocketAddress;
import java.util.Optional;
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
 * DTLS pre-shared keys from the device registry: the PSK identity is the device id. A key the
 * registry holds is returned at once; for an identity it does not know, the handshake waits for the
 * database (Scandium's asynchronous result), so a device enrolled a moment ago can connect.
 */
final class RegistryPskStore implements AdvancedPskStore {
  private final DeviceRegistry registry;
  private volatile HandshakeResultHandler resultHandler;

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
    if (!DeviceId.isValid(id)) {
      return new PskSecretResult(cid, identity, null);
    }
    Future<Optional<byte[]>> key = registry.psk(new DeviceId(id));
    if (key.isComplete()) {
      return result(cid, identity, key.result());
    }
    key.onSuccess(k -> resultHandler.apply(result(cid, identity, k)));
    return null; // answered later, through the result handler
  }

  /** A null secret fails the handshake: unknown devices never get a session. */
  private static PskSecretResult result(
      ConnectionId cid, PskPublicInformation identity, Optional<byte[]> key) {
    SecretKey secret = key.map(k -> SecretUtil.create(k, "PSK")).orElse(null);
    return new PskSecretResult(cid, identity, secret);
  }

  @Override
  public PskPublicInformation getIdentity(
      InetSocketAddress peerAddress,
      org.eclipse.californium.scandium.util.ServerNames virtualHost) {
    return null; // server side only: we never start handshakes
  }

  @Override
  public void setResultHandler(HandshakeResultHandler resultHandler) {
    this.resultHandler = resultHandler;
  }
}

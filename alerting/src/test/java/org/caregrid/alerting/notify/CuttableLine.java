package org.caregrid.alerting.notify;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay to a server (the broker, the database) that a test can cut and mend, to drop a
 * client's connections the way a network fault does while the server stays up (while cut, it
 * refuses new connections too), or whose server-to-client direction it can hold, to keep PUBACKs
 * back.
 */
final class CuttableLine {
  private final Vertx vertx;
  private final URI target;
  private final NetClient client;
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private final Set<NetSocket> fromBroker = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;
  private volatile Context context;
  private NetServer server;

  /**
   * @param serverUrl where the relay connects, as {@code tcp://host:port}
   */
  CuttableLine(Vertx vertx, String serverUrl) {
    this.vertx = vertx;
    this.target = URI.create(serverUrl);
    this.client = vertx.createNetClient();
  }

  /** Returns the URL, {@code tcp://127.0.0.1:port}, to give the client under test. */
  Future<String> start() {
    server = vertx.createNetServer().connectHandler(this::relay);
    return server.listen(0, "127.0.0.1").map(s -> "tcp://127.0.0.1:" + s.actualPort());
  }

  void cut() {
    cut = true;
    open.forEach(NetSocket::close);
  }

  void mend() {
    cut = false;
  }

  /** Stops passing what the broker sends (PUBACKs among it) until {@link #releaseReplies()}. */
  Future<Void> holdReplies() {
    return onRelayContext(() -> fromBroker.forEach(NetSocket::pause));
  }

  Future<Void> releaseReplies() {
    return onRelayContext(() -> fromBroker.forEach(NetSocket::resume));
  }

  private Future<Void> onRelayContext(Runnable action) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          action.run();
          done.complete();
        });
    return done.future();
  }

  private void relay(NetSocket inbound) {
    context = Vertx.currentContext();
    if (cut) {
      inbound.close();
      return;
    }
    inbound.pause();
    client
        .connect(target.getPort(), target.getHost())
        .onSuccess(
            outbound -> {
              open.add(inbound);
              open.add(outbound);
              fromBroker.add(outbound);
              inbound.handler(outbound::write);
              outbound.handler(inbound::write);
              inbound.closeHandler(v -> outbound.close());
              outbound.closeHandler(
                  v -> {
                    fromBroker.remove(outbound);
                    inbound.close();
                  });
              inbound.resume();
            })
        .onFailure(e -> inbound.close());
  }
}

package org.caregrid.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay to a local port that a test can stall: bytes stop flowing both ways and nothing is
 * closed, as on a dead link (a pulled cable, a proxy holding the connection); {@link #mend} lets
 * them through again. A stream behind it falls silent without any error the browser could see.
 */
final class StallableLine implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "stallable-line");
            t.setDaemon(true);
            return t;
          });
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Object gate = new Object();
  private boolean stalled;

  StallableLine(int target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptAll);
  }

  /** The address to use instead of the target's, ending in a slash. */
  String base() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/";
  }

  void stall() {
    synchronized (gate) {
      stalled = true;
    }
  }

  void mend() {
    synchronized (gate) {
      stalled = false;
      gate.notifyAll();
    }
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket in = server.accept();
        Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(in);
        sockets.add(out);
        threads.execute(() -> pump(in, out));
        threads.execute(() -> pump(out, in));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream input = from.getInputStream();
        OutputStream output = to.getOutputStream()) {
      int n;
      while ((n = input.read(buffer)) > 0) {
        awaitFlow();
        output.write(buffer, 0, n);
        output.flush();
      }
    } catch (IOException e) {
      // one side went away: the finally below closes the other
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close(from);
      close(to);
    }
  }

  private void awaitFlow() throws InterruptedException {
    synchronized (gate) {
      while (stalled) {
        gate.wait();
      }
    }
  }

  private void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
    sockets.remove(s);
  }

  @Override
  public void close() throws IOException {
    mend();
    server.close();
    sockets.forEach(this::close);
    threads.shutdownNow();
  }
}

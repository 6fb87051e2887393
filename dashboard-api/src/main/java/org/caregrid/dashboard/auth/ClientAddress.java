package org.caregrid.dashboard.auth;

import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.caregrid.core.config.ConfigException;

/**
 * The address a sign-in comes from, for throttling: the TCP peer, unless the peer is one of the
 * configured reverse proxies ({@code auth.trusted-proxies}), in which case {@code X-Forwarded-For}
 * is read from the right, past every trusted proxy, to the first address a trusted proxy saw. What
 * an untrusted peer writes in that header is ignored, so nobody picks their own address.
 */
final class ClientAddress {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /** An address with a prefix length: a whole subnet of proxies, or one ({@code /32}). */
  private static final class Network {
    private final byte[] prefix;
    private final int bits;

    Network(byte[] prefix, int bits) {
      this.prefix = prefix.clone();
      this.bits = bits;
    }

    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != prefix.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((b[i / 8] & mask) != (prefix[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Network> proxies;

  private ClientAddress(List<Network> proxies) {
    this.proxies = proxies;
  }

  /**
   * @param proxies addresses or CIDR blocks ({@code 10.0.0.5}, {@code 10.0.0.0/24}, {@code ::1})
   * @throws ConfigException naming {@code auth.trusted-proxies} when one is not an IP literal
   */
  static ClientAddress trusting(List<String> proxies) {
    return new ClientAddress(proxies.stream().map(ClientAddress::network).toList());
  }

  String of(HttpServerRequest request) {
    return of(request.remoteAddress().hostAddress(), request.headers().getAll("X-Forwarded-For"));
  }

  /**
   * @param forwarded the {@code X-Forwarded-For} headers in the order received
   */
  String of(String peer, List<String> forwarded) {
    Optional<InetAddress> hop = literal(peer);
    if (hop.isEmpty() || !trusted(hop.get())) {
      return peer;
    }
    InetAddress client = hop.get();
    for (int h = forwarded.size() - 1; h >= 0; h--) {
      String[] entries = forwarded.get(h).split(",", -1);
      for (int e = entries.length - 1; e >= 0; e--) {
        Optional<InetAddress> next = literal(entries[e].trim());
        if (next.isEmpty()) {
          // garbage left of what our proxies wrote: the last address they vouch for is the client
          return client.getHostAddress();
        }
        client = next.get();
        if (!trusted(client)) {
          return client.getHostAddress();
        }
      }
    }
    return client.getHostAddress();
  }

  private boolean trusted(InetAddress a) {
    return proxies.stream().anyMatch(n -> n.contains(a));
  }

  private static Network network(String entry) {
    String[] parts = entry.trim().split("/", -1);
    InetAddress a =
        literal(parts[0])
            .orElseThrow(
                () ->
                    new ConfigException(
                        "auth.trusted-proxies: not an IP address or CIDR block: " + entry));
    int max = a.getAddress().length * 8;
    int bits = max;
    if (parts.length == 2) {
      try {
        bits = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        bits = -1;
      }
    }
    if (parts.length > 2 || bits < 0 || bits > max) {
      throw new ConfigException("auth.trusted-proxies: bad prefix length in " + entry);
    }
    return new Network(a.getAddress(), bits);
  }

  /** Parses an IP literal without ever asking DNS: anything else is empty. */
  private static Optional<InetAddress> literal(String text) {
    if (!(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}

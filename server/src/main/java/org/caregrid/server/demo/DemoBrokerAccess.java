package org.caregrid.server.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.caregrid.core.device.MosquittoPasswordHash;
import org.caregrid.embedded.BrokerAccess;
import org.caregrid.ingest.broker.BrokerAccount;

/**
 * The embedded broker's logins and rules: the very accounts {@code caregrid broker-auth} exports
 * for production's Mosquitto, read from the same registry, with the same rules
 * (docs/decisions/0013).
 */
final class DemoBrokerAccess implements BrokerAccess {
  private final Map<String, BrokerAccount> accounts;

  DemoBrokerAccess(List<BrokerAccount> accounts) {
    this.accounts =
        accounts.stream()
            .collect(Collectors.toUnmodifiableMap(BrokerAccount::user, Function.identity()));
  }

  @Override
  public boolean login(String user, byte[] password) {
    BrokerAccount account = accounts.get(user);
    return account != null
        && MosquittoPasswordHash.verify(
            new String(password, StandardCharsets.UTF_8), account.passwordHash());
  }

  @Override
  public boolean mayPublish(String user, String topic) {
    BrokerAccount account = accounts.get(user);
    return account != null && account.mayPublish(topic);
  }

  @Override
  public boolean maySubscribe(String user, String filter) {
    BrokerAccount account = accounts.get(user);
    return account != null && account.maySubscribe(filter);
  }
}

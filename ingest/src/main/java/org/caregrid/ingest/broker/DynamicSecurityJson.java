package org.caregrid.ingest.broker;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.caregrid.core.device.MosquittoPasswordHash;

/**
 * The accounts as the configuration file of Mosquitto's dynamic-security plugin (2.0): each account
 * a client with a role of its own holding its rules, and everything that no rule allows denied,
 * subscriptions included. The plugin checks a SUBSCRIBE against the role's subscribe rules (the
 * filter as sent, {@code $share/...} included) and refuses it; it checks each delivery again
 * against {@code publishClientReceive}. Mosquitto 2.0's plugin has no {@code %u} in rules, hence a
 * role per account.
 */
final class DynamicSecurityJson {
  private DynamicSecurityJson() {}

  static String render(List<BrokerAccount> accounts) {
    JsonArray clients = new JsonArray();
    JsonArray roles = new JsonArray();
    for (BrokerAccount account : accounts) {
      MosquittoPasswordHash.Parts hash = MosquittoPasswordHash.parts(account.passwordHash());
      String role = roleName(account);
      clients.add(
          new JsonObject()
              .put("username", account.user())
              .put("textname", account.kind().name().toLowerCase(java.util.Locale.ROOT))
              .put("roles", new JsonArray().add(new JsonObject().put("rolename", role)))
              .put("password", hash.hash())
              .put("salt", hash.salt())
              .put("iterations", hash.iterations()));
      roles.add(new JsonObject().put("rolename", role).put("acls", acls(account)));
    }
    return new JsonObject()
            .put(
                "defaultACLAccess",
                new JsonObject()
                    .put("publishClientSend", false)
                    .put("publishClientReceive", false)
                    .put("subscribe", false)
                    .put("unsubscribe", true))
            .put("clients", clients)
            .put("groups", new JsonArray())
            .put("roles", roles)
            .encodePrettily()
        + "\n";
  }

  /** The hash stored for {@code user} in a file this class wrote, if any. */
  static Optional<String> passwordHash(String json, String user) {
    JsonArray clients = new JsonObject(json).getJsonArray("clients", new JsonArray());
    for (int i = 0; i < clients.size(); i++) {
      JsonObject client = clients.getJsonObject(i);
      if (user.equals(client.getString("username"))) {
        return Optional.of(
                new MosquittoPasswordHash.Parts(
                        client.getInteger("iterations", 0),
                        client.getString("salt", ""),
                        client.getString("password", ""))
                    .encoded())
            .filter(MosquittoPasswordHash::isWellFormed);
      }
    }
    return Optional.empty();
  }

  private static String roleName(BrokerAccount account) {
    return account.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + account.user();
  }

  private static JsonArray acls(BrokerAccount account) {
    JsonArray acls = new JsonArray();
    for (String topic : account.publish()) {
      acls.add(acl("publishClientSend", topic));
    }
    Set<String> receive = new LinkedHashSet<>();
    for (String filter : account.subscribe()) {
      boolean wildcard = filter.contains("+") || filter.contains("#");
      acls.add(acl(wildcard ? "subscribePattern" : "subscribeLiteral", filter));
      receive.add(withoutShare(filter));
    }
    receive.forEach(topic -> acls.add(acl("publishClientReceive", topic)));
    return acls;
  }

  /** Deliveries carry the message's topic, never the share group's name. */
  private static String withoutShare(String filter) {
    if (!filter.startsWith("$share/")) {
      return filter;
    }
    int afterGroup = filter.indexOf('/', "$share/".length());
    return filter.substring(afterGroup + 1);
  }

  private static JsonObject acl(String type, String topic) {
    return new JsonObject()
        .put("acltype", type)
        .put("topic", topic)
        .put("priority", 0)
        .put("allow", true);
  }
}

package org.caregrid.dashboard.testing;

import io.vertx.core.json.JsonObject;

/**
 * An {@link ApiClient} whose every response is held to the OpenAPI document: a test using it fails
 * on any status, content type or body the document does not describe for that route.
 *
 * <pre>{@code
 * ContractClient nurse = new ContractClient(dashboard.client(), contract);
 * nurse.login(user.login(), user.password());
 * ApiClient.Response r = nurse.get("/alerts?state=all");   // already checked
 * }</pre>
 */
public final class ContractClient {
  private final ApiClient client;
  private final ApiContract contract;

  public ContractClient(ApiClient client, ApiContract contract) {
    this.client = client;
    this.contract = contract;
  }

  /** Signs in as {@code user}. */
  public ApiClient.Response login(StaffFixture.User user) {
    return contract.check("POST", "/session", client.login(user.login(), user.password()));
  }

  public ApiClient.Response get(String path) {
    return contract.check("GET", path, client.get(path));
  }

  public ApiClient.Response post(String path, JsonObject body) {
    return contract.check("POST", path, client.post(path, body));
  }

  public ApiClient.Response put(String path, JsonObject body) {
    return contract.check("PUT", path, client.put(path, body));
  }

  public ApiClient.Response delete(String path) {
    return contract.check("DELETE", path, client.delete(path));
  }
}

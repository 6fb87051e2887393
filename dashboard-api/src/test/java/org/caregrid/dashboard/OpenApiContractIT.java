package org.caregrid.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.caregrid.dashboard.testing.ApiContract;
import org.caregrid.dashboard.testing.TestDashboard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document against the running API: it is served without signing in, every route the
 * API router answers is documented and every documented route is mounted, and the validator the
 * other contract tests use refuses what the document does not allow.
 */
class OpenApiContractIT {
  private static TestDashboard dashboard;
  private static WebClient client;
  private static ApiContract contract;

  @BeforeAll
  static void start() {
    dashboard = TestDashboard.start();
    client =
        WebClient.create(
            dashboard.vertx(),
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(dashboard.port()));
    contract = ApiContract.load();
  }

  @AfterAll
  static void stop() {
    dashboard.close();
  }

  @Test
  void theDocumentIsServedWithoutSigningIn() {
    HttpResponse<Buffer> response = client.get("/api/v1/openapi.yaml").send().await();

    contract.check(HttpMethod.GET, "/openapi.yaml", response);
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, Object> served = new Yaml().load(response.bodyAsString());
    assertThat(served).containsEntry("openapi", "3.0.3").containsKey("paths");
  }

  @Test
  void theDocumentIsValidOpenApi30() {
    contract.checkDocument();
    JsonObject broken = contract.document();
    broken
        .getJsonObject("paths")
        .getJsonObject("/stations")
        .getJsonObject("get")
        .remove("responses");
    assertThatThrownBy(() -> ApiContract.checkOpenApi30(broken)).isInstanceOf(AssertionError.class);
  }

  @Test
  void everyMountedRouteIsDocumented() {
    Set<String> undocumented = new TreeSet<>(ApiContract.mounted(dashboard.apiRoutes()));
    undocumented.removeAll(contract.operations());

    assertThat(undocumented).isEmpty();
  }

  @Test
  void everyDocumentedRouteIsMounted() {
    Set<String> missing = new TreeSet<>(contract.operations());
    missing.removeAll(ApiContract.mounted(dashboard.apiRoutes()));

    assertThat(missing).isEmpty();
  }

  @Test
  void theValidatorTakesDocumentedNullsAndRefusesMissingFields() {
    JsonObject station =
        new JsonObject()
            .put("id", 1)
            .put("code", "C1")
            .put("name", "Station C1")
            .put("tier", "community")
            .put("parentId", null)
            .put("lat", 40.6)
            .put("lon", 109.9)
            .put("onDuty", true)
            .put("capacity", 5)
            .put("openAlerts", 0);
    String json = "application/json";

    contract.check(HttpMethod.PUT, "/stations/1/duty", 200, json, station.toBuffer());
    assertThatThrownBy(
            () ->
                contract.check(
                    HttpMethod.PUT,
                    "/stations/1/duty",
                    200,
                    json,
                    station.copy().put("tier", "galaxy").toBuffer()))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () -> {
              JsonObject incomplete = station.copy();
              incomplete.remove("openAlerts");
              contract.check(HttpMethod.PUT, "/stations/1/duty", 200, json, incomplete.toBuffer());
            })
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () -> contract.check(HttpMethod.PUT, "/stations/1/duty", 418, json, station.toBuffer()))
        .isInstanceOf(AssertionError.class);
  }
}

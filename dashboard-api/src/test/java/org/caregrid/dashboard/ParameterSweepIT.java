package org.caregrid.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.caregrid.alerting.AlertingConfig;
import org.caregrid.alerting.AlertingRole;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.dashboard.testing.AlertSeeds;
import org.caregrid.dashboard.testing.ApiClient;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.dashboard.testing.TestDashboard;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;

/**
 * Every date, date-time and number parameter of every operation in the served OpenAPI document,
 * sent with extreme values (far past and future, beyond int and long, negative, NaN, empty) by a
 * district admin and a programme admin, who between them may call every route: nothing answers 5xx.
 * The other parameters of each request hold values that reach the query, which the test checks by
 * asking each GET once with them alone.
 */
@Timeout(300)
class ParameterSweepIT {
  private static final List<String> DATE_TIMES =
      List.of(
          "-4713-01-01T00:00:00Z",
          "+300000-01-01T00:00:00Z",
          "-999999999-01-01T00:00:00Z",
          "+999999999-12-31T23:59:59Z",
          "+1000000000-01-01T00:00:00Z",
          "0000-01-01T00:00:00Z",
          "0001-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999999999Z",
          "2026-02-30T00:00:00Z",
          "NaN",
          "",
          "99999999999999999999");
  private static final List<String> DATES =
      List.of(
          "-4713-01-01",
          "+300000-01-01",
          "-999999999-01-01",
          "+999999999-12-31",
          "0000-01-01",
          "0001-01-01",
          "9999-12-31",
          "2026-02-30",
          "NaN",
          "",
          "99999999999999999999");
  private static final List<String> NUMBERS =
      List.of(
          "0",
          "-1",
          "-2147483648",
          "-2147483649",
          "2147483647",
          "2147483648",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775809",
          "99999999999999999999999999",
          "1e308",
          "-1e308",
          "1.5",
          "NaN",
          "Infinity",
          "-Infinity",
          "");

  /** Query parameters that must go together or not at all, as on {@code GET /readings}. */
  private static final Map<String, String> EXCLUSIVE =
      Map.of("resident", "device", "device", "resident");

  private static AlertingRole alerting;
  private static TestDashboard dashboard;
  private static Map<String, String> ids;
  private static List<ApiClient> callers;
  private static JsonObject document;

  @BeforeAll
  static void start() throws SQLException {
    Vertx vertx = Vertx.vertx();
    TestNode node = TestNode.start(vertx, TestServices.freshDatabase());
    // Alert actions go to alerting, as in production: without it they would answer 503.
    alerting =
        new AlertingRole(
            node.node(), TestServices.broker(), AlertingConfig.defaults(), Clock.systemUTC());
    alerting.start().await();
    dashboard = TestDashboard.on(vertx, node, TestDashboard.AUTH);

    RegistryFixture registry = new RegistryFixture(node.dataSource());
    int station = registry.station("cs-sweep", "community", 0, 40.6, 109.9, 5);
    int resident = registry.resident("Sun Lihua");
    int device = registry.device("pendant-sun", DeviceKind.SOS_PENDANT, resident).key();
    AlertSeeds seeds = new AlertSeeds(node.dataSource());
    long alert = seeds.alert(resident, "sos", "critical", "notified", Instant.now());
    seeds.route(alert, station, 0, Instant.now());
    ids =
        Map.of(
            "alerts", String.valueOf(alert),
            "stations", String.valueOf(station),
            "residents", String.valueOf(resident),
            "devices", String.valueOf(device),
            "resident", String.valueOf(resident),
            "device", String.valueOf(device),
            "station", String.valueOf(station));

    StaffFixture staff = new StaffFixture(node.dataSource());
    callers = new ArrayList<>();
    for (StaffFixture.User user : List.of(staff.districtAdmin(), staff.programmeAdmin())) {
      ApiClient client = dashboard.client();
      assertThat(client.login(user.login(), user.password()).status()).isEqualTo(200);
      callers.add(client);
    }
    ApiClient.Response served = dashboard.client().get("/openapi.yaml");
    assertThat(served.status()).isEqualTo(200);
    Map<String, Object> yaml = new Yaml().load(served.body());
    document = new JsonObject(yaml);
  }

  @AfterAll
  static void stop() {
    alerting.stop().await();
    dashboard.close();
  }

  @Test
  void datesOutsidePostgresRangeAnswer400NamingTheParameter() {
    String events = "/residents/" + ids.get("residents") + "/events";
    for (String name : List.of("from", "to")) {
      for (String value : List.of("-4713-01-01T00:00:00Z", "+300000-01-01T00:00:00Z")) {
        ApiClient.Response r = callers.get(0).get(events + "?" + name + "=" + encode(value));

        assertThat(r.status()).as("%s=%s", name, value).isEqualTo(400);
        assertThat(r.json().getString("detail")).as("%s=%s", name, value).startsWith(name + " ");
      }
    }
  }

  @Test
  void noDateOrNumberParameterOfAnyOperationAnswers5xx() {
    List<String> failures = new ArrayList<>();
    int requests = 0;
    JsonObject paths = document.getJsonObject("paths");
    for (String template : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(template);
      for (String method : item.fieldNames()) {
        if (method.equals("parameters")) {
          continue;
        }
        List<JsonObject> params = parameters(item, item.getJsonObject(method));
        List<JsonObject> swept = params.stream().filter(p -> kind(p) != null).toList();
        if (swept.isEmpty()) {
          continue;
        }
        String operation = method.toUpperCase(Locale.ROOT) + " " + template;
        Map<String, String> baseline = baseline(template, params);
        if (method.equals("get")) {
          assertThat(callers)
              .as("%s with %s reaches the handler for someone", operation, baseline)
              .anyMatch(c -> send(c, method, template, baseline).status() / 100 == 2);
        }
        for (Map<String, String> values : variations(swept, baseline)) {
          for (ApiClient caller : callers) {
            requests++;
            ApiClient.Response r = send(caller, method, template, values);
            if (r.status() >= 500) {
              failures.add(operation + " " + values + " -> " + r.status() + " " + r.body());
            }
          }
        }
      }
    }

    assertThat(requests).isGreaterThan(500);
    assertThat(failures).as("%d requests", requests).isEmpty();
  }

  /** Each swept parameter through its extremes, the others at the baseline; dates also in pairs. */
  private static List<Map<String, String>> variations(
      List<JsonObject> swept, Map<String, String> baseline) {
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonObject p : swept) {
      String name = p.getString("name");
      for (String value : extremes(kind(p))) {
        Map<String, String> values = new LinkedHashMap<>(baseline);
        values.remove(EXCLUSIVE.get(name));
        values.put(name, value);
        out.add(values);
      }
    }
    List<JsonObject> dates = swept.stream().filter(p -> !kind(p).equals("number")).toList();
    if (dates.size() == 2) {
      List<String> far = extremes(kind(dates.get(0)));
      for (int[] pair : new int[][] {{0, 1}, {2, 3}, {0, 0}, {1, 1}}) {
        Map<String, String> values = new LinkedHashMap<>(baseline);
        values.put(dates.get(0).getString("name"), far.get(pair[0]));
        values.put(dates.get(1).getString("name"), far.get(pair[1]));
        out.add(values);
      }
    }
    return out;
  }

  private static List<String> extremes(String kind) {
    return switch (kind) {
      case "date-time" -> DATE_TIMES;
      case "date" -> DATES;
      default -> NUMBERS;
    };
  }

  /**
   * Values that reach the query: the seeded object for a path id and for resident, device and
   * station, the required dates as a year, a metric for readings.
   */
  private static Map<String, String> baseline(String template, List<JsonObject> params) {
    Map<String, String> values = new LinkedHashMap<>();
    String collection = template.substring(1).split("/", -1)[0];
    for (JsonObject p : params) {
      String name = p.getString("name");
      if (p.getString("in").equals("path")) {
        values.put(name, ids.get(collection));
      } else if (Boolean.TRUE.equals(p.getBoolean("required"))) {
        values.put(name, name.equals("to") ? "2026-12-31" : "2026-01-01");
      }
    }
    if (template.equals("/readings")) {
      values.put("resident", ids.get("resident"));
      values.put("metric", "hr");
    }
    return values;
  }

  private static ApiClient.Response send(
      ApiClient caller, String method, String template, Map<String, String> values) {
    String path = template;
    List<String> query = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (path.contains("{" + e.getKey() + "}")) {
        path = path.replace("{" + e.getKey() + "}", encode(e.getValue()));
      } else {
        query.add(e.getKey() + "=" + encode(e.getValue()));
      }
    }
    String uri = query.isEmpty() ? path : path + "?" + String.join("&", query);
    return caller.send(method.toUpperCase(Locale.ROOT), uri, null);
  }

  /** "date-time", "date", "number" or null for a parameter not swept. */
  private static String kind(JsonObject param) {
    if (!List.of("query", "path").contains(param.getString("in"))) {
      return null;
    }
    JsonObject schema = resolve(param.getJsonObject("schema", new JsonObject()));
    String type = schema.getString("type");
    if ("integer".equals(type) || "number".equals(type)) {
      return "number";
    }
    String format = schema.getString("format");
    return "string".equals(type) && ("date".equals(format) || "date-time".equals(format))
        ? format
        : null;
  }

  private static List<JsonObject> parameters(JsonObject item, JsonObject operation) {
    List<JsonObject> params = new ArrayList<>();
    for (JsonArray list :
        new JsonArray[] {
          item.getJsonArray("parameters", new JsonArray()),
          operation.getJsonArray("parameters", new JsonArray())
        }) {
      list.forEach(p -> params.add(resolve((JsonObject) p)));
    }
    return params.stream()
        .collect(
            Collectors.toMap(p -> p.getString("name"), p -> p, (a, b) -> b, LinkedHashMap::new))
        .values()
        .stream()
        .toList();
  }

  private static JsonObject resolve(JsonObject node) {
    String ref = node.getString("$ref");
    if (ref == null) {
      return node;
    }
    JsonObject target = document;
    for (String part : ref.substring(2).split("/", -1)) {
      target = target.getJsonObject(part);
    }
    return resolve(target);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

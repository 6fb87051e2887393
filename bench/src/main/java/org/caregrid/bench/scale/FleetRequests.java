package org.caregrid.bench.scale;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.caregrid.bench.dashboard.ApiSession;
import org.caregrid.bench.dashboard.RequestTimes;

/**
 * The district administrator's and programme staff's views of the whole fleet, one request at a
 * time and the kinds in turn: the device list's first and last page, its offline, low-battery and
 * pendant filters, the programme report of the last 30 days, and the visits due.
 */
final class FleetRequests {
  private static final int PAGE = 50;

  private final ApiSession admin;
  private final Map<String, String> paths = new LinkedHashMap<>();
  private final RequestTimes times = new RequestTimes();

  FleetRequests(ApiSession admin, int devices) {
    this.admin = admin;
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    paths.put("fleet_first_page", "/api/v1/devices?limit=" + PAGE);
    paths.put(
        "fleet_last_page",
        "/api/v1/devices?limit=" + PAGE + "&offset=" + Math.max(0, devices - PAGE));
    paths.put("fleet_offline", "/api/v1/devices?status=offline&limit=" + PAGE);
    paths.put("fleet_low_battery", "/api/v1/devices?lowBattery=true&limit=" + PAGE);
    paths.put("fleet_pendants", "/api/v1/devices?kind=sos_pendant&limit=" + PAGE);
    paths.put(
        "programme_report_30d",
        "/api/v1/reports/programme?from=" + today.minusDays(29) + "&to=" + today);
    paths.put("visits_tasks_admin", "/api/v1/visits/tasks");
  }

  /** One request of each kind. */
  void round() throws IOException, InterruptedException {
    for (Map.Entry<String, String> p : paths.entrySet()) {
      long t = System.nanoTime();
      HttpResponse<String> r;
      try {
        r = admin.get(p.getValue());
      } catch (HttpTimeoutException e) {
        times.failed(p.getKey()); // no answer in the session's 30 s: a failure, and the run goes on
        continue;
      }
      long nanos = System.nanoTime() - t;
      if (r.statusCode() == 200 && answered(r.body())) {
        times.record(p.getKey(), nanos);
      } else {
        times.failed(p.getKey());
      }
    }
  }

  private static boolean answered(String body) {
    Object o;
    try {
      o = Json.decodeValue(body);
    } catch (RuntimeException e) {
      return false;
    }
    Predicate<Object> ok = b -> b instanceof JsonArray || b instanceof JsonObject;
    return ok.test(o);
  }

  RequestTimes times() {
    return times;
  }
}

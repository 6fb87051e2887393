package org.caregrid.dashboard.auth;

import io.vertx.core.http.HttpMethod;

/**
 * Which part of the API each account of a system or screen may use at all, before any resource
 * looks at the request: a kiosk reads the big screen and the tier views, the city platform the tier
 * feed, a family doctor nothing here (FHIR is served apart). Staff roles reach everything and each
 * resource checks them itself. Listed in one place so that a new resource is closed to these
 * accounts until it is named here.
 */
final class Reach {
  private Reach() {}

  /**
   * @param path the path under {@code /api/v1}, e.g. {@code /bigscreen}
   */
  static boolean allows(StaffRole role, HttpMethod method, String path) {
    if (path.equals("/session")) {
      return method == HttpMethod.GET || method == HttpMethod.DELETE;
    }
    return switch (role) {
      case KIOSK ->
          method == HttpMethod.GET
              && (path.equals("/bigscreen")
                  || path.equals("/bigscreen/stream")
                  || path.equals("/reports/tiers")
                  || path.equals("/queue/tiers"));
      case CITY_PLATFORM -> method == HttpMethod.GET && path.startsWith("/tier/");
      case FAMILY_DOCTOR -> false;
      default -> true;
    };
  }
}

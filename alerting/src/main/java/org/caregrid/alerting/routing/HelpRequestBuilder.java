package org.caregrid.alerting.routing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.Severity;

/**
 * Turns the stations {@link Router} picked into the step's help requests: one per station, with the
 * deadline the alert's severity allows (DESIGN §6) and, at the top tier for a critical alert, the
 * advice to call 120. Pure: the caller passes the alert, the home and the time.
 */
public final class HelpRequestBuilder {
  private final RoutingConfig config;

  public HelpRequestBuilder(RoutingConfig config) {
    this.config = config;
  }

  /**
   * @param number the step's number: 0 for the first routing, 1 and up for escalations
   */
  public RouteStep step(AlertChange alert, Home home, Pick pick, int number, Instant now) {
    return requests(alert, home, pick, number, now.plus(config.acceptWithin(alert.severity())));
  }

  /**
   * The same help request asked again after the last step, due again after the severity's resend
   * interval.
   *
   * @param number the last step's number, kept: no new step is taken
   */
  public RouteStep again(AlertChange alert, Home home, Pick pick, int number, Instant now) {
    return requests(alert, home, pick, number, now.plus(config.resend().every(alert.severity())));
  }

  /** The audit note of a re-send: whom it asked again and when it will next. */
  public String againNote(AlertChange alert, Pick pick) {
    String to = pick.stations().stream().map(Station::code).collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "asked again of %s, again every %d s until accepted",
        to,
        config.resend().every(alert.severity()).toSeconds());
  }

  private RouteStep requests(
      AlertChange alert, Home home, Pick pick, int number, Instant acceptBy) {
    boolean advise = advisesEmergencyCall(alert, pick);
    List<HelpRequest> requests = new ArrayList<>();
    for (Station s : pick.stations()) {
      requests.add(
          new HelpRequest(
              alert.alertId(),
              alert.kind(),
              alert.severity(),
              alert.state(),
              alert.detail(),
              alert.raisedAt(),
              acceptBy,
              number,
              advise,
              new HelpRequest.Station(s.key(), s.code(), s.name(), s.tier().code()),
              home.resident(),
              home.info()));
    }
    return new RouteStep(number, requests);
  }

  /** The audit note of a step: whom it told, the tier, the time to accept and the 120 advice. */
  public String note(AlertChange alert, Pick pick) {
    Duration within = config.acceptWithin(alert.severity());
    String to = pick.stations().stream().map(Station::code).collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "to %s (%s tier), accept within %d s%s",
        to,
        pick.tier().code(),
        within.toSeconds(),
        advisesEmergencyCall(alert, pick) ? "; advise calling 120" : "");
  }

  /** The same note as data, for the console: the stations told, the tier, the time to accept. */
  public JsonObject noteParams(AlertChange alert, Pick pick) {
    JsonArray told = new JsonArray();
    pick.stations()
        .forEach(s -> told.add(new JsonObject().put("code", s.code()).put("name", s.name())));
    return new JsonObject()
        .put("stations", told)
        .put("tier", pick.tier().code())
        .put("acceptWithinS", config.acceptWithin(alert.severity()).toSeconds())
        .put("advise120", advisesEmergencyCall(alert, pick));
  }

  private static boolean advisesEmergencyCall(AlertChange alert, Pick pick) {
    return pick.last() && alert.severity() == Severity.CRITICAL;
  }
}

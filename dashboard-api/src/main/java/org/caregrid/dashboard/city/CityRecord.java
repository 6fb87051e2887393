package org.caregrid.dashboard.city;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A record of the city feed as stored ({@code city_record}), with station codes resolved. One of
 * two types: an alert's lifecycle change, or one unit's indicators for a day.
 *
 * @param seq the feed's order; every record read from the feed has one
 * @param key the idempotency key: the same for every delivery of this record
 * @param unit the code of the unit the record belongs to (the resident's community station)
 */
public record CityRecord(
    long id,
    long seq,
    String type,
    String key,
    String unit,
    Instant createdAt,
    AlertChange alert,
    Daily daily) {

  public static final String ALERT_CHANGE = "alert_change";
  public static final String DAILY_INDICATORS = "daily_indicators";

  /**
   * The alert as it was when the change committed.
   *
   * @param change the change's number among the alert's changes, from 1
   * @param station the code of the station answering for the alert; null before routing
   * @param tier the tier of the station(s) asked at the current step; null before routing
   */
  public record AlertChange(
      long alertId,
      int change,
      String action,
      Instant at,
      int residentId,
      String kind,
      String severity,
      String state,
      int step,
      String tier,
      String station,
      String outcome,
      Instant raisedAt,
      Instant notifiedAt,
      Instant acceptedAt,
      Instant onSiteAt,
      Instant closedAt) {}

  /** A unit's indicators for a day, as computed when the day had closed. */
  public record Daily(LocalDate day, JsonObject indicators) {}
}

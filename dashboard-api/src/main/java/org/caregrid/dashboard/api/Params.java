package org.caregrid.dashboard.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads query parameters and JSON bodies, failing with 400 and the field's name. */
final class Params {
  /**
   * The times and dates the API takes: years 1 to 9999, as ISO-8601 writes them without a sign.
   * Java parses years up to a billion either way, PostgreSQL stores 4713 BC to 294276 AD: a time
   * outside both would otherwise fail in the query as a 500.
   */
  private static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);

  private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

  private static final Instant EARLIEST = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
  private static final Instant LATEST =
      LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);

  private Params() {}

  static Instant instant(RoutingContext ctx, String name, Instant fallback) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return fallback;
    }
    Instant value;
    try {
      value = Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw new ApiFailures.BadRequest(
          name + " must be an ISO-8601 instant, e.g. 2025-12-01T00:00:00Z");
    }
    if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
      throw new ApiFailures.BadRequest(
          name + " must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
    }
    return value;
  }

  static LocalDate date(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      throw new ApiFailures.BadRequest(name + " is required (YYYY-MM-DD)");
    }
    LocalDate value;
    try {
      value = LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw new ApiFailures.BadRequest(name + " must be a date, YYYY-MM-DD");
    }
    if (value.isBefore(FIRST_DAY) || value.isAfter(LAST_DAY)) {
      throw new ApiFailures.BadRequest(name + " must lie between 0001-01-01 and 9999-12-31");
    }
    return value;
  }

  /** A whole-number path parameter; an id that cannot exist answers 404 like an unknown one. */
  static int id(RoutingContext ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw new ApiFailures.BadRequest("a JSON object body is required");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw new ApiFailures.BadRequest("the body must be a JSON object");
    }
  }

  static String text(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new ApiFailures.BadRequest(field + " must be a non-empty string");
    }
    return s.trim();
  }

  static int integer(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (!(v instanceof Integer || v instanceof Long)
        || ((Number) v).longValue() != ((Number) v).intValue()) {
      throw new ApiFailures.BadRequest(field + " must be a whole number");
    }
    return ((Number) v).intValue();
  }

  static int integer(JsonObject body, String field, int fallback) {
    return body.getValue(field) == null ? fallback : integer(body, field);
  }

  static double number(JsonObject body, String field, double min, double max) {
    if (!(body.getValue(field) instanceof Number n)
        || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
      throw new ApiFailures.BadRequest(field + " must be a number in " + min + ".." + max);
    }
    return n.doubleValue();
  }

  static boolean bool(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return false;
    }
    if (!(v instanceof Boolean b)) {
      throw new ApiFailures.BadRequest(field + " must be true or false");
    }
    return b;
  }
}

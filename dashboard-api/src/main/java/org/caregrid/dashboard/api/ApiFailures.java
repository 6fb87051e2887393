package org.caregrid.dashboard.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one failure handler of the API: problem JSON (RFC 9457) with a 4xx or 5xx status. */
public final class ApiFailures {
  private static final Logger LOG = LoggerFactory.getLogger(ApiFailures.class);

  private ApiFailures() {}

  /** A client error that carries its status. */
  public static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String code;

    BadRequest(String detail) {
      this(detail, null, null);
    }

    /**
     * @param field the bad field's path, e.g. {@code carePlan.night_start}
     * @param code why, as a word a client can translate, e.g. {@code time_of_day}
     */
    BadRequest(String detail, String field, String code) {
      super(detail, null, false, false);
      this.field = field;
      this.code = code;
    }
  }

  /**
   * A request refused with a status other than 400: 403 (the role may not), 404 (unknown or not
   * visible to this user), 409 (wrong state) or 503 (a tier that must answer is not there).
   */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public Refused(int status, String detail) {
      super(detail, null, false, false);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** Throw from a handler for a 400 whose detail names the bad field. */
  public static BadRequest badRequest(String detail) {
    return new BadRequest(detail);
  }

  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status;
    String detail;
    JsonObject problem = new JsonObject();
    if (failure instanceof BadRequest e) {
      status = 400;
      detail = e.getMessage();
      if (e.field != null) {
        problem.put("field", e.field).put("code", e.code);
      }
    } else if (failure instanceof Refused e) {
      status = e.status();
      detail = e.getMessage();
    } else if (failure == null) {
      status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      detail = null;
    } else {
      status = 500;
      detail = "internal error";
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    }
    problem.put("status", status).put("title", title(status));
    if (detail != null) {
      problem.put("detail", detail);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .end(problem.encode());
  }

  static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value < min || value > max) {
        throw new BadRequest(name + " must be " + min + ".." + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new BadRequest(name + " must be a whole number");
    }
  }

  /** The request's body as a JSON object, or a 400 naming what is wrong with it. */
  static JsonObject jsonBody(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw new BadRequest("a JSON object body is required");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw new BadRequest("the body must be a JSON object");
    }
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }
}

package org.caregrid.dashboard.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.caregrid.dashboard.api.ApiFailures;

/**
 * {@code /api/v1/session}: sign in ({@code POST}), who am I ({@code GET}), sign out ({@code
 * DELETE}).
 */
final class SessionApi {
  static final String LOGINS = "caregrid.dashboard.logins";

  private final StaffUsers users;
  private final Passwords passwords;
  private final Sessions sessions;
  private final LoginLimiter limiter;
  private final ClientAddress clients;
  private final SessionCookie cookie;
  private final WorkerExecutor db;
  private final Map<LoginOutcome, Counter> logins = new EnumMap<>(LoginOutcome.class);

  SessionApi(
      StaffUsers users,
      Passwords passwords,
      Sessions sessions,
      LoginLimiter limiter,
      ClientAddress clients,
      SessionCookie cookie,
      WorkerExecutor db,
      MeterRegistry meters) {
    this.users = users;
    this.passwords = passwords;
    this.sessions = sessions;
    this.limiter = limiter;
    this.clients = clients;
    this.cookie = cookie;
    this.db = db;
    for (LoginOutcome o : LoginOutcome.values()) {
      logins.put(o, meters.counter(LOGINS, "outcome", o.tag()));
    }
  }

  void login(RoutingContext ctx) {
    JsonObject body = body(ctx);
    String login = text(body, "login");
    String password = text(body, "password");
    String address = clients.of(ctx.request());
    Optional<Duration> wait = limiter.attempt(login, address);
    // Answered at once rather than held on a timer: nothing waits here, and the client is told
    // when to come back (docs/decisions/0019).
    if (wait.isPresent()) {
      logins.get(LoginOutcome.RATE_LIMITED).increment();
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
      ctx.fail(429);
      return;
    }
    db.executeBlocking(() -> signIn(login, password), false)
        .onSuccess(
            opened -> {
              if (opened.isEmpty()) {
                logins.get(LoginOutcome.REFUSED).increment();
                ctx.fail(401);
                return;
              }
              limiter.succeeded(login, address);
              logins.get(LoginOutcome.SIGNED_IN).increment();
              cookie.set(ctx.response(), opened.get().token());
              reply(ctx, opened.get().session());
            })
        .onFailure(ctx::fail);
  }

  void current(RoutingContext ctx) {
    reply(ctx, ctx.get(AuthHandler.SESSION_KEY));
  }

  void logout(RoutingContext ctx) {
    String token = SessionCookie.read(ctx.request());
    db.executeBlocking(
            () -> {
              sessions.close(token);
              return null;
            },
            false)
        .onSuccess(
            v -> {
              cookie.clear(ctx.response());
              ctx.response().setStatusCode(204).end();
            })
        .onFailure(ctx::fail);
  }

  /** Blocking: the password check is as slow as bcrypt makes it, found or not. */
  private Optional<Sessions.Opened> signIn(String login, String password) throws Exception {
    Optional<StaffUsers.Stored> found = users.find(login);
    if (!passwords.matches(password, found.map(StaffUsers.Stored::passwordHash).orElse(null))) {
      return Optional.empty();
    }
    return Optional.of(sessions.open(found.get().user()));
  }

  private static void reply(RoutingContext ctx, Sessions.Session session) {
    ctx.response().putHeader("Cache-Control", "no-store");
    ctx.json(
        new JsonObject().put("user", session.user().json()).put("csrfToken", session.csrfToken()));
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw ApiFailures.badRequest("the body must be a JSON object {login, password}");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw ApiFailures.badRequest("the body must be a JSON object {login, password}");
    }
  }

  private static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof String s) || s.isBlank()) {
      throw ApiFailures.badRequest(field + " is required");
    }
    return s;
  }
}

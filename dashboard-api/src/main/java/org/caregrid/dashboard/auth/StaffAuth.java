package org.caregrid.dashboard.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import org.caregrid.core.node.Node;

/**
 * Staff sign-in for the API: builds the session routes and the handler that guards every other
 * route, and mounts them on the {@code /api/v1} router before any resource.
 */
public final class StaffAuth {
  /** Requests the API reads are small JSON documents. */
  private static final long BODY_LIMIT = 256 * 1024;

  private final SessionApi sessionApi;
  private final AuthHandler guard;
  private final ApiTokens tokens;

  public StaffAuth(Node node, AuthConfig config, Clock clock) {
    Passwords passwords = new Passwords(config.bcryptCost());
    Sessions sessions = new Sessions(node.dataSource(), config.idleTimeout(), config.maxLifetime());
    SessionCookie cookie = new SessionCookie(config.secureCookie());
    this.sessionApi =
        new SessionApi(
            new StaffUsers(node.dataSource(), passwords),
            passwords,
            sessions,
            LoginLimiter.of(config, clock),
            ClientAddress.trusting(config.trustedProxies()),
            cookie,
            node.db(),
            node.meters());
    this.tokens = new ApiTokens(node.dataSource());
    this.guard = new AuthHandler(sessions, tokens, node.db(), cookie);
  }

  /** The bearer tokens of system accounts. */
  public ApiTokens tokens() {
    return tokens;
  }

  /**
   * A guard for routes outside {@code /api/v1} that systems read with a bearer token only (FHIR):
   * puts the token's account on the context ({@link Principal#of}); 401 without a live token, 403
   * for a write. The handler after it checks the role.
   */
  public Handler<RoutingContext> bearerOnly() {
    return ctx -> {
      String token = AuthHandler.bearer(ctx);
      if (token == null) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        ctx.fail(401);
        return;
      }
      guard.withToken(ctx, token, false);
    };
  }

  /**
   * Mount first on the API router: the body is read before the guard's database look-up (after an
   * asynchronous step Vert.x would have let it go unread), then the guard, then the session routes.
   * Routes mounted after this see {@link Principal#of}.
   */
  public void mount(Router api) {
    api.route().handler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
    api.route().handler(guard);
    api.post("/session").handler(sessionApi::login);
    api.get("/session").handler(sessionApi::current);
    api.delete("/session").handler(sessionApi::logout);
  }
}

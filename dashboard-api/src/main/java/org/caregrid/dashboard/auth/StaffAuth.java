package org.caregrid.dashboard.auth;

import io.vertx.ext.web.Router;
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
            cookie,
            node.db(),
            node.meters());
    this.guard = new AuthHandler(sessions, node.db(), cookie);
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

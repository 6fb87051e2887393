package org.caregrid.dashboard.auth;

import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a request under {@code /api/v1} through only with a live session, and a write only with that
 * session's CSRF token in {@code X-CSRF-Token}; puts the {@link Principal} on the context. Without
 * a session: 401; a write without the right token: 403. A system reading for an account sends
 * {@code Authorization: Bearer <token>} instead ({@link ApiTokens}): reads only, no cookie, so no
 * CSRF. Either way the account's role must {@link Reach reach} the path (403 otherwise), and the
 * {@link Credential} goes on the context for responses that must ask again later.
 */
final class AuthHandler implements Handler<RoutingContext> {
  static final String CSRF_HEADER = "X-CSRF-Token";

  /** Where the whole session sits on the context, for {@code GET /session}. */
  static final String SESSION_KEY = "caregrid.session";

  private static final String BEARER = "Bearer ";

  private final Sessions sessions;
  private final ApiTokens tokens;
  private final WorkerExecutor db;
  private final SessionCookie cookie;

  AuthHandler(Sessions sessions, ApiTokens tokens, WorkerExecutor db, SessionCookie cookie) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.db = db;
    this.cookie = cookie;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (isPublic(ctx)) {
      ctx.next();
      return;
    }
    String bearer = bearer(ctx);
    if (bearer != null) {
      withToken(ctx, bearer, true);
      return;
    }
    String token = SessionCookie.read(ctx.request());
    if (token == null) {
      ctx.fail(401);
      return;
    }
    db.executeBlocking(() -> sessions.touch(token), false)
        .onSuccess(
            found -> {
              if (found.isEmpty()) {
                cookie.clear(ctx.response());
                ctx.fail(401);
                return;
              }
              Sessions.Session session = found.get();
              if (isWrite(ctx.request().method())
                  && !SessionTokens.same(
                      session.csrfToken(), ctx.request().getHeader(CSRF_HEADER))) {
                ctx.fail(403);
                return;
              }
              Principal who = session.user().principal();
              if (!Reach.allows(who.role(), ctx.request().method(), relativePath(ctx))) {
                ctx.fail(403);
                return;
              }
              ctx.put(Principal.KEY, who);
              ctx.put(SESSION_KEY, session);
              ctx.put(Credential.KEY, (Credential) () -> sessions.alive(token));
              ctx.next();
            })
        .onFailure(ctx::fail);
  }

  /**
   * Lets the request through with a live bearer token for a read, putting its account on the
   * context; 401 without one, 403 for a write.
   *
   * @param reach whether the account's role must also reach the path under {@code /api/v1}
   */
  void withToken(RoutingContext ctx, String token, boolean reach) {
    if (isWrite(ctx.request().method())) {
      ctx.fail(403);
      return;
    }
    db.executeBlocking(() -> tokens.principal(token), false)
        .onSuccess(
            found -> {
              if (found.isEmpty()) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                ctx.fail(401);
                return;
              }
              Principal who = found.get();
              if (reach && !Reach.allows(who.role(), ctx.request().method(), relativePath(ctx))) {
                ctx.fail(403);
                return;
              }
              ctx.put(Principal.KEY, who);
              ctx.put(Credential.KEY, (Credential) () -> tokens.principal(token).isPresent());
              ctx.next();
            })
        .onFailure(ctx::fail);
  }

  /** The bearer token of the request's {@code Authorization} header; null without one. */
  static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = header.substring(BEARER.length()).strip();
    return token.isEmpty() ? null : token;
  }

  /**
   * Signing in and the API description are open to anyone. Listed here rather than left to route
   * order, so that mounting a route early cannot make it public by accident, and the reverse.
   */
  private static boolean isPublic(RoutingContext ctx) {
    String path = relativePath(ctx);
    HttpMethod method = ctx.request().method();
    return (method == HttpMethod.POST && path.equals("/session"))
        || (method == HttpMethod.GET && path.equals("/openapi.yaml"));
  }

  private static String relativePath(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String mount = ctx.mountPoint();
    if (mount == null) {
      return path;
    }
    String prefix = mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
    return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }

  /** Writes as the contract counts them; anything else (GET, HEAD, OPTIONS) changes nothing. */
  private static boolean isWrite(HttpMethod method) {
    return method == HttpMethod.POST
        || method == HttpMethod.PUT
        || method == HttpMethod.PATCH
        || method == HttpMethod.DELETE;
  }
}

package org.caregrid.dashboard.api;

import io.vertx.ext.web.Router;

/**
 * {@code GET /api/v1/openapi.yaml}: the API's OpenAPI 3.0 document, readable without signing in so
 * that tools can fetch it. The contract tests hold the routes and responses to it.
 */
public final class OpenApiDocument {
  /** The document on the class path. */
  public static final String RESOURCE = "openapi/caregrid-api.yaml";

  private OpenApiDocument() {}

  public static void mount(Router api) {
    api.get("/openapi.yaml")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/yaml; charset=utf-8")
                    .sendFile(RESOURCE)
                    .onFailure(ctx::fail));
  }
}

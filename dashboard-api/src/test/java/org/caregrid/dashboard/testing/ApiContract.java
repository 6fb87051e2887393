package org.caregrid.dashboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.caregrid.dashboard.api.OpenApiDocument;
import org.yaml.snakeyaml.Yaml;

/**
 * The API's OpenAPI document as a test oracle: {@link #check} fails a test when a response's
 * status, content type or body is not what the document says for that route, and {@link
 * #operations} lists the documented routes for comparison with the mounted ones.
 *
 * <p>Load it once per test class ({@link #load}), then pass every response: {@code
 * contract.check(HttpMethod.GET, "/alerts/7", response)} with the path under {@code /api/v1} and
 * without the query.
 *
 * <p>Written on vertx-json-schema rather than vertx-openapi's {@code ResponseValidator}, which
 * (5.0.7) refuses a document with {@code application/problem+json}, {@code text/event-stream},
 * {@code text/csv} or a relative server URL: all of them in ours. Bodies are checked as JSON Schema
 * draft 4, the dialect OpenAPI 3.0 schemas extend.
 */
public final class ApiContract {
  /** The document's base path, where the API router is mounted. */
  public static final String BASE = "/api/v1";

  private static final JsonSchemaOptions DRAFT4 =
      new JsonSchemaOptions().setDraft(Draft.DRAFT4).setBaseUri("https://caregrid.invalid/");

  private static final String OPENAPI_30_SCHEMA = "spec.openapis.org/oas/3.0/schema/2021-09-28";

  private final JsonObject document;

  private ApiContract(JsonObject document) {
    this.document = document;
  }

  /** Parses the document from the class path. */
  public static ApiContract load() {
    try (InputStream in =
        ApiContract.class.getClassLoader().getResourceAsStream(OpenApiDocument.RESOURCE)) {
      assertThat(in).as(OpenApiDocument.RESOURCE + " on the class path").isNotNull();
      Map<String, Object> yaml = new Yaml().load(in);
      return new ApiContract(new JsonObject(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fails unless the document is a valid OpenAPI 3.0 document, by the specification's own JSON
   * Schema (the copy vertx-openapi ships).
   */
  public void checkDocument() {
    checkOpenApi30(document);
  }

  /** The document as parsed, e.g. to check that {@link #checkOpenApi30} refuses a broken copy. */
  public JsonObject document() {
    return document.copy();
  }

  /** Fails unless {@code document} is valid OpenAPI 3.0. */
  public static void checkOpenApi30(JsonObject document) {
    JsonObject meta;
    try (InputStream in =
        ApiContract.class.getClassLoader().getResourceAsStream(OPENAPI_30_SCHEMA)) {
      assertThat(in).as(OPENAPI_30_SCHEMA + " on the class path").isNotNull();
      meta = new JsonObject(Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    OutputUnit result =
        Validator.create(
                JsonSchema.of(meta),
                new JsonSchemaOptions().setDraft(Draft.DRAFT4).setBaseUri(meta.getString("id")))
            .validate(document);
    if (!result.getValid()) {
      fail("not valid OpenAPI 3.0: %s", errors(result));
    }
  }

  public <T> HttpResponse<T> check(HttpMethod method, String path, HttpResponse<T> response) {
    check(
        method,
        path,
        response.statusCode(),
        response.getHeader("Content-Type"),
        response.bodyAsBuffer());
    return response;
  }

  /** As {@link #check(HttpMethod, String, HttpResponse)}, for {@link ApiClient}'s responses. */
  public ApiClient.Response check(String method, String path, ApiClient.Response response) {
    int query = path.indexOf('?');
    check(
        HttpMethod.valueOf(method),
        query < 0 ? path : path.substring(0, query),
        response.status(),
        response.header("Content-Type").orElse(null),
        Buffer.buffer(response.body() == null ? "" : response.body()));
    return response;
  }

  /**
   * Fails unless the document describes this response for this route.
   *
   * @param path the request path under {@link #BASE}, without the query
   * @param contentType the response's Content-Type header, null when it has none
   * @param body null or empty when there is none
   */
  public void check(HttpMethod method, String path, int status, String contentType, Buffer body) {
    String where = method + " " + path + " -> " + status;
    JsonObject operation = operation(method, path);
    JsonObject responses = operation.getJsonObject("responses");
    Object declared = responses.getValue(String.valueOf(status), responses.getValue("default"));
    if (declared == null) {
      fail("%s: status not documented (documented: %s)", where, responses.fieldNames());
    }
    JsonObject content = resolve((JsonObject) declared).getJsonObject("content");
    boolean hasBody = body != null && body.length() > 0;
    if (content == null || content.isEmpty()) {
      assertThat(hasBody).as("%s: documented without a body, but has one", where).isFalse();
      return;
    }
    assertThat(contentType).as("%s: Content-Type", where).isNotNull();
    String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    assertThat(content.fieldNames()).as("%s: documented media types", where).contains(mediaType);
    if (!(mediaType.equals("application/json") || mediaType.endsWith("+json"))) {
      return;
    }
    assertThat(hasBody).as("%s: a JSON body", where).isTrue();
    Object json;
    try {
      json = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new AssertionError(where + ": body is not JSON: " + body, e);
    }
    JsonObject schema = content.getJsonObject(mediaType).getJsonObject("schema");
    OutputUnit result =
        Validator.create(JsonSchema.of((JsonObject) plain(schema)), DRAFT4).validate(json);
    if (!result.getValid()) {
      fail("%s: body does not match the schema: %s%n%s", where, errors(result), body);
    }
  }

  /** The documented operations as {@code "GET /alerts/{id}"}, sorted. */
  public Set<String> operations() {
    Set<String> ops = new TreeSet<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String key : paths.getJsonObject(path).fieldNames()) {
        if (!key.equals("parameters")) {
          ops.add(key.toUpperCase(Locale.ROOT) + " " + path);
        }
      }
    }
    return ops;
  }

  /**
   * The routes a router answers, in the form of {@link #operations}. Routes without a method (body
   * handlers, auth, the failure handler) are steps before or after a route, not routes of their
   * own.
   */
  public static Set<String> mounted(List<Route> routes) {
    Set<String> ops = new TreeSet<>();
    for (Route r : routes) {
      if (r.getPath() == null || r.methods() == null || r.methods().isEmpty()) {
        continue;
      }
      String path = r.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      for (HttpMethod m : r.methods()) {
        ops.add(m.name() + " " + path);
      }
    }
    return ops;
  }

  /** The operation for a request path; literal paths win over templates, as OpenAPI says. */
  private JsonObject operation(HttpMethod method, String path) {
    JsonObject paths = document.getJsonObject("paths");
    String best = null;
    int bestParams = Integer.MAX_VALUE;
    for (String template : paths.fieldNames()) {
      String regex = "\\Q" + template.replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
      int params = template.split("\\{", -1).length - 1;
      if (Pattern.matches(regex, path) && params < bestParams) {
        best = template;
        bestParams = params;
      }
    }
    assertThat(best).as("documented path for %s", path).isNotNull();
    JsonObject operation =
        paths.getJsonObject(best).getJsonObject(method.name().toLowerCase(Locale.ROOT));
    assertThat(operation).as("documented %s %s", method, best).isNotNull();
    return operation;
  }

  private JsonObject resolve(JsonObject node) {
    String ref = node.getString("$ref");
    if (ref == null) {
      return node;
    }
    assertThat(ref).startsWith("#/");
    Object target = document;
    for (String part : ref.substring(2).split("/")) {
      target = ((JsonObject) target).getValue(part);
      assertThat(target).as("target of %s", ref).isNotNull();
    }
    return resolve((JsonObject) target);
  }

  /**
   * The schema as self-contained JSON Schema: references inlined (the document has no cycles) and
   * OpenAPI 3.0's {@code nullable}, which draft 4 does not know, spelled {@code anyOf [..., {enum:
   * [null]}]}.
   */
  private Object plain(Object node) {
    if (node instanceof JsonObject o) {
      JsonObject resolved = resolve(o);
      JsonObject copy = new JsonObject();
      resolved.forEach(e -> copy.put(e.getKey(), plain(e.getValue())));
      if (Boolean.TRUE.equals(copy.remove("nullable"))) {
        return new JsonObject()
            .put(
                "anyOf",
                new JsonArray()
                    .add(copy)
                    .add(new JsonObject().put("enum", new JsonArray().addNull())));
      }
      return copy;
    }
    if (node instanceof JsonArray a) {
      JsonArray copy = new JsonArray();
      a.forEach(v -> copy.add(plain(v)));
      return copy;
    }
    return node;
  }

  private static String errors(OutputUnit result) {
    if (result.getErrors() == null || result.getErrors().isEmpty()) {
      return result.getInstanceLocation() + ": " + result.getError();
    }
    StringBuilder text = new StringBuilder();
    for (OutputUnit e : result.getErrors()) {
      text.append('\n').append(e.getInstanceLocation()).append(": ").append(e.getError());
    }
    return text.toString();
  }
}

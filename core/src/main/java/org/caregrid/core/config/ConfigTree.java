package org.caregrid.core.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The configuration: one YAML file, then {@code CAREGRID_*} environment overrides. Each module
 * binds its own section to its own record, whose {@code defaults()} is the only place a default is
 * written. Override names follow one rule: {@code ingest.writer.batch-size} is overridden by {@code
 * CAREGRID_INGEST_WRITER_BATCH_SIZE}; a list takes comma-separated values. Durations read as {@code
 * 30s} or {@code 5m}, times of day as {@code 22:00}.
 */
public final class ConfigTree {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
          .registerModule(ConfigDurations.module())
          .registerModule(ConfigTimes.module())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private final ObjectNode file;
  private final Map<String, String> env;
  private final Set<String> bound = new HashSet<>();

  private ConfigTree(ObjectNode file, Map<String, String> env) {
    this.file = file;
    this.env = env;
  }

  /** Reads {@code file} (absent means all defaults) with overrides from {@code env}. */
  public static ConfigTree load(Path file, Map<String, String> env) {
    if (file == null || !Files.exists(file)) {
      return new ConfigTree(JsonNodeFactory.instance.objectNode(), env);
    }
    try {
      JsonNode root = MAPPER.readTree(file.toFile());
      if (root == null || root.isMissingNode() || root.isNull()) {
        return new ConfigTree(JsonNodeFactory.instance.objectNode(), env);
      }
      if (!root.isObject()) {
        throw new ConfigException(file + ": the top level must be a mapping of sections");
      }
      return new ConfigTree((ObjectNode) root, env);
    } catch (IOException e) {
      throw new ConfigException(file + ": " + e.getMessage());
    }
  }

  /** Defaults only, plus the given overrides: for tests. */
  public static ConfigTree ofEnv(Map<String, String> env) {
    return new ConfigTree(JsonNodeFactory.instance.objectNode(), env);
  }

  /**
   * Binds section {@code name}: {@code defaults}, overlaid with the file's section, overlaid with
   * environment overrides for every key the section has.
   *
   * @throws ConfigException naming the key when a value does not fit or a key is unknown
   */
  public <T> T bind(String name, Class<T> type, T defaults) {
    bound.add(name);
    ObjectNode merged = MAPPER.valueToTree(defaults);
    JsonNode fromFile = file.get(name);
    if (fromFile != null && !fromFile.isNull()) {
      if (!fromFile.isObject()) {
        throw new ConfigException("'" + name + "' must be a mapping");
      }
      overlay(merged, (ObjectNode) fromFile, name);
    }
    applyEnv(merged, name);
    try {
      return MAPPER.treeToValue(merged, type);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("'" + name + "': " + firstLine(e.getMessage()));
    }
  }

  /** Every key of a section, dotted ({@code ingest.writer.batch-size}), in declaration order. */
  public static List<String> keys(String section, Object defaults) {
    List<String> keys = new ArrayList<>();
    collectKeys(MAPPER.valueToTree(defaults), section, keys);
    return keys;
  }

  /** Every key present in the file, dotted, to check a sample file against the defaults. */
  public List<String> fileKeys() {
    List<String> keys = new ArrayList<>();
    file.fields().forEachRemaining(f -> collectKeys(f.getValue(), f.getKey(), keys));
    return keys;
  }

  private static void collectKeys(JsonNode node, String path, List<String> keys) {
    if (node instanceof ObjectNode obj) {
      obj.fields().forEachRemaining(f -> collectKeys(f.getValue(), path + "." + f.getKey(), keys));
    } else {
      keys.add(path);
    }
  }

  /** Sections in the file that no module bound: most likely a typo. */
  public List<String> unboundSections() {
    List<String> unknown = new ArrayList<>();
    file.fieldNames().forEachRemaining(n -> unknown.add(n));
    unknown.removeAll(bound);
    return unknown;
  }

  private static void overlay(ObjectNode target, ObjectNode source, String path) {
    Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode existing = target.get(f.getKey());
      if (existing instanceof ObjectNode obj && f.getValue() instanceof ObjectNode src) {
        overlay(obj, src, path + "." + f.getKey());
      } else if (existing == null) {
        throw new ConfigException("unknown key '" + path + "." + f.getKey() + "'");
      } else {
        target.set(f.getKey(), f.getValue());
      }
    }
  }

  private void applyEnv(ObjectNode node, String path) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    fields.forEachRemaining(entries::add);
    for (Map.Entry<String, JsonNode> f : entries) {
      String key = path + "." + f.getKey();
      if (f.getValue() instanceof ObjectNode child) {
        applyEnv(child, key);
        continue;
      }
      String value = env.get(envName(key));
      if (value == null) {
        continue;
      }
      if (f.getValue() instanceof ArrayNode) {
        ArrayNode list = node.putArray(f.getKey());
        for (String item : value.split(",", -1)) {
          if (!item.isBlank()) {
            list.add(item.trim());
          }
        }
      } else {
        node.set(f.getKey(), TextNode.valueOf(value));
      }
    }
  }

  /** The environment variable that overrides {@code key}, e.g. {@code CAREGRID_DATABASE_URL}. */
  public static String envName(String key) {
    return "CAREGRID_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid value";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}

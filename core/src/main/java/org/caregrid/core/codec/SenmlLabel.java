package org.caregrid.core.codec;

import java.util.HashMap;
import java.util.Map;

/**
 * The SenML labels of RFC 8428 (Table 1 for JSON, Table 4 for the CBOR integer keys) and the type
 * each one's value must have.
 */
enum SenmlLabel {
  BASE_VERSION("bver", -1, Kind.VERSION),
  BASE_NAME("bn", -2, Kind.TEXT),
  BASE_TIME("bt", -3, Kind.NUMBER),
  BASE_UNIT("bu", -4, Kind.TEXT),
  BASE_VALUE("bv", -5, Kind.NUMBER),
  BASE_SUM("bs", -6, Kind.NUMBER),
  NAME("n", 0, Kind.TEXT),
  UNIT("u", 1, Kind.TEXT),
  VALUE("v", 2, Kind.NUMBER),
  STRING_VALUE("vs", 3, Kind.ANY),
  BOOLEAN_VALUE("vb", 4, Kind.BOOLEAN),
  SUM("s", 5, Kind.NUMBER),
  TIME("t", 6, Kind.NUMBER),
  UPDATE_TIME("ut", 7, Kind.NUMBER),
  DATA_VALUE("vd", 8, Kind.ANY);

  /** What a label's value must be; string and data values are refused whatever their type. */
  enum Kind {
    TEXT,
    NUMBER,
    BOOLEAN,
    VERSION,
    ANY
  }

  private static final Map<String, SenmlLabel> BY_JSON = new HashMap<>();
  private static final Map<String, SenmlLabel> BY_CBOR = new HashMap<>();

  static {
    for (SenmlLabel label : values()) {
      BY_JSON.put(label.json, label);
      // Jackson's CBOR parser reports integer map keys as their decimal text.
      BY_CBOR.put(Integer.toString(label.cbor), label);
    }
  }

  private final String json;
  private final int cbor;
  private final Kind kind;

  SenmlLabel(String json, int cbor, Kind kind) {
    this.json = json;
    this.cbor = cbor;
    this.kind = kind;
  }

  /** The label for a JSON member name, or null for an extension. */
  static SenmlLabel ofJson(String name) {
    return BY_JSON.get(name);
  }

  /**
   * The label for a CBOR map key as Jackson reports it, or null for an extension. RFC 8428 §6 keeps
   * integer keys for Table 4 and text keys for extensions; Jackson hands both over as text, so a
   * text key spelled like one of these integers would be taken for it, which no registered label
   * is.
   */
  static SenmlLabel ofCbor(String key) {
    return BY_CBOR.get(key);
  }

  String json() {
    return json;
  }

  int cbor() {
    return cbor;
  }

  Kind kind() {
    return kind;
  }
}

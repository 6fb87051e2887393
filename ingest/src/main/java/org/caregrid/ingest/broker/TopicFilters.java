package org.caregrid.ingest.broker;

/**
 * Whether an allowed topic filter covers a requested one, level by level, as the broker's subscribe
 * check does: {@code #} covers the rest, {@code +} covers any one level (also a requested {@code
 * +}), any other level only itself. A topic name has no wildcards, so the same test says whether a
 * filter matches a topic one publishes to.
 */
public final class TopicFilters {
  private TopicFilters() {}

  public static boolean covers(String allowed, String requested) {
    String[] a = allowed.split("/", -1);
    String[] r = requested.split("/", -1);
    for (int i = 0; i < a.length; i++) {
      if (a[i].equals("#")) {
        return true;
      }
      if (i >= r.length || r[i].equals("#")) {
        return false;
      }
      if (!a[i].equals("+") && !a[i].equals(r[i])) {
        return false;
      }
    }
    return a.length == r.length;
  }
}

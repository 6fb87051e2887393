package org.caregrid.dashboard.report;

/** Comma-separated text as RFC 4180 has it: CRLF line ends, fields quoted where they need it. */
public final class Csv {
  private final StringBuilder out = new StringBuilder();

  /** Appends one record; null fields are empty. */
  public Csv row(Object... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(fields[i]));
    }
    out.append("\r\n");
    return this;
  }

  /**
   * One field. Text that a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -},
   * {@code @} first) gets a leading apostrophe: resident names are typed in by staff. Numbers are
   * written as they are.
   */
  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    boolean quote =
        text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0
            || (!text.isEmpty()
                && (text.charAt(0) == ' ' || text.charAt(text.length() - 1) == ' '));
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}

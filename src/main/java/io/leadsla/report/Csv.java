package io.leadsla.report;

import java.util.Arrays;
import java.util.stream.Collectors;

/** One CSV line (RFC 4180), with values that a spreadsheet would run as a formula defused. */
final class Csv {

  private Csv() {}

  static String row(Object... values) {
    return Arrays.stream(values).map(Csv::cell).collect(Collectors.joining(",")) + "\n";
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
        ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}

package io.leadsla.intake;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: comma separated, fields in double quotes may hold commas, quotes ("") and line breaks. */
final class CsvReader {

  /** A record and the line of the file it starts on. */
  record Row(int line, List<String> fields) {}

  static class CsvSyntaxException extends RuntimeException {
    CsvSyntaxException(String message) {
      super(message);
    }
  }

  private CsvReader() {}

  static List<Row> read(String text) {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int line = 1;
    int rowLine = 1;
    int i = text.startsWith("\uFEFF") ? 1 : 0;   // a byte order mark from spreadsheet exports
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"') {
        if (fieldStarted && field.length() > 0) {
          throw new CsvSyntaxException("line " + line + ": a quote inside an unquoted field");
        }
        quoted = true;
        fieldStarted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        fields.add(field.toString());
        addRow(rows, rowLine, fields);
        fields = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
        line++;
        rowLine = line;
      } else {
        field.append(c);
        fieldStarted = true;
      }
    }
    if (quoted) {
      throw new CsvSyntaxException("line " + rowLine + ": a quoted field is not closed");
    }
    if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
      fields.add(field.toString());
      addRow(rows, rowLine, fields);
    }
    return rows;
  }

  private static void addRow(List<Row> rows, int line, List<String> fields) {
    boolean blank = fields.size() == 1 && fields.get(0).isBlank();
    if (!blank) {
      rows.add(new Row(line, fields));
    }
  }
}

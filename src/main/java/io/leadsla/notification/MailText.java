package io.leadsla.notification;

/** Keeps user-supplied text from breaking a mail: no line breaks or control characters in headers. */
final class MailText {

  private MailText() {}

  static String oneLine(Object value, int maxLength) {
    if (value == null) {
      return "";
    }
    String text = value.toString().replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    return text.length() <= maxLength ? text : text.substring(0, maxLength - 1) + "…";
  }
}

package io.leadsla.report;

import io.leadsla.LeadSlaProperties;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** A report's period as its query gives it: without {@code to} it ends today, without {@code from} it spans 30 days. */
final class ReportPeriod {

  static final int DEFAULT_DAYS = 30;

  private ReportPeriod() {}

  static ReportFilter filter(String from, String to, LeadSlaProperties.Report settings, String team, String rep,
      String source, Integer cycle) {
    LocalDate last = blank(to) == null ? ClockUtil.getCurrentTime().toInstant().atZone(settings.zone()).toLocalDate()
        : day(to, "to");
    LocalDate first = blank(from) == null ? last.minusDays(DEFAULT_DAYS - 1) : day(from, "from");
    return new ReportFilter(first, last, settings.zone(), blank(team), blank(rep), blank(source), cycle);
  }

  private static LocalDate day(String value, String parameter) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(parameter + " '" + value + "' is not a date: from and to are dates "
          + "(YYYY-MM-DD)");
    }
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}

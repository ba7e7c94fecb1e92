package io.leadsla.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One team's section of the morning report, formatted for a reader in {@code zone}: the values for the HTML
 * template and the same as a fixed-width plain-text table.
 */
public record DailyReportView(
    String team,
    String day,
    String leadsIn,
    String pickedUp,
    String medianFirstTouch,
    String p90FirstTouch,
    List<Row> compliance,
    List<Row> breaches,
    List<Row> waiting,
    List<Row> pauses,
    String text) {

  /** A table row: its cells in order. */
  public record Row(List<String> cells) {}

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  static DailyReportView of(TeamDayFigures f, ZoneId zone) {
    String leadsIn = String.valueOf(f.leadsIn());
    String pickedUp = f.pickedUp() + " of " + f.leadsIn() + " (" + percent(f.pickedUp(), f.leadsIn()) + ")";
    String median = duration(f.medianFirstTouch());
    String p90 = duration(f.p90FirstTouch());
    List<Row> compliance = f.complianceByStage().entrySet().stream()
        .map(e -> new Row(List.of(e.getKey(), e.getValue().met() + " / " + e.getValue().due(),
            percent(e.getValue().met(), e.getValue().due()))))
        .toList();
    List<Row> breaches = f.breachesByRep().entrySet().stream()
        .map(e -> new Row(List.of(e.getKey(), String.valueOf(e.getValue())))).toList();
    List<Row> waiting = f.oldestWaiting().stream()
        .map(w -> new Row(List.of(w.leadId(), oneLine(w.name()), w.stage(), w.owner(), time(w.since(), zone),
            time(w.deadline(), zone))))
        .toList();
    List<Row> pauses = f.pauses().stream()
        .map(p -> new Row(List.of(p.leadId(), p.stage(), p.owner() == null ? "-" : p.owner(),
            time(p.resumesAt(), zone), oneLine(p.reason()))))
        .toList();
    String day = f.day().format(DAY);
    return new DailyReportView(f.team(), day, leadsIn, pickedUp, median, p90, compliance, breaches, waiting, pauses,
        text(f.team(), day, leadsIn, pickedUp, median, p90, compliance, breaches, waiting, pauses));
  }

  private static String text(String team, String day, String leadsIn, String pickedUp, String median, String p90,
      List<Row> compliance, List<Row> breaches, List<Row> waiting, List<Row> pauses) {
    StringBuilder out = new StringBuilder();
    out.append("Team ").append(team).append(" – ").append(day).append('\n');
    out.append(String.format("  %-22s %s\n", "Leads in", leadsIn));
    out.append(String.format("  %-22s %s\n", "Picked up", pickedUp));
    out.append(String.format("  %-22s %s\n", "First touch, median", median));
    out.append(String.format("  %-22s %s\n", "First touch, 90th pct", p90));
    out.append("  SLA compliance (met / due)\n");
    compliance.forEach(row -> out.append(String.format("    %-20s %-9s %s\n", row.cells().toArray())));
    out.append("  Breaches by rep\n");
    if (breaches.isEmpty()) {
      out.append("    none\n");
    }
    breaches.forEach(row -> out.append(String.format("    %-20s %s\n", row.cells().toArray())));
    out.append("  Oldest waiting leads\n");
    if (waiting.isEmpty()) {
      out.append("    none\n");
    }
    waiting.forEach(row -> out.append(String.format("    %-14s %-24s %-13s %-8s since %s, due %s\n",
        row.cells().toArray())));
    out.append("  SLA pauses (the lead asked to wait)\n");
    if (pauses.isEmpty()) {
      out.append("    none\n");
    }
    pauses.forEach(row -> out.append(String.format("    %-14s %-13s %-8s until %s: %s\n", row.cells().toArray())));
    return out.toString();
  }

  static String percent(int part, int whole) {
    return whole == 0 ? "–" : Math.round(100.0 * part / whole) + "%";
  }

  static String duration(Duration d) {
    if (d == null) {
      return "–";
    }
    if (d.toHours() > 0) {
      return d.toHours() + " h " + d.toMinutesPart() + " min";
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + " min" + (d.toSecondsPart() > 0 ? " " + d.toSecondsPart() + " s" : "");
    }
    return d.toSeconds() + " s";
  }

  private static String time(Instant instant, ZoneId zone) {
    return instant.atZone(zone).format(TIME);
  }

  private static String oneLine(String text) {
    String line = text == null ? "" : text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    return line.length() <= 24 ? line : line.substring(0, 23) + "…";
  }

  /** For templates: the sections of one report keyed by team. */
  static Map<String, Object> model(String managerName, String day, List<DailyReportView> teams) {
    return Map.of("managerName", managerName, "day", day, "teams", teams);
  }
}

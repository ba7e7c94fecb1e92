package io.leadsla.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's metric definitions applied by hand to leads' timelines (GET /api/leads/{id}/timeline), written
 * apart from the reports' code, so that a figure of the reports can be checked against what the timeline says
 * happened. Cycles count when their arrival falls in [from, to); breaches when their deadline does.
 */
final class TimelineRecount {

  private static final Pattern ENDED = Pattern.compile("Cycle \\d+ ended: (\\w+).*");
  private static final Pattern REASON = Pattern.compile(".*\\((.*)\\)$");

  final Instant from;
  final Instant to;
  final Instant now;
  long leadsIn;
  long pickedUp;
  long judged;
  long inTime;
  final List<Long> toFirstAttempt = new ArrayList<>();
  final List<Long> toContact = new ArrayList<>();
  final List<Long> attemptsToContact = new ArrayList<>();
  final List<Long> toQualify = new ArrayList<>();
  final Map<String, Long> dispositions = new TreeMap<>();
  final Map<String, Long> missedByStage = new TreeMap<>();
  final Map<String, Long> escalatedByStage = new TreeMap<>();
  final Map<String, Long> reassignmentsByReason = new TreeMap<>();
  long handoffs;
  long decided;
  long qualified;
  final Map<String, Long> pausesByStage = new TreeMap<>();
  /**
   * Per cycle of the period ("lead,cycle"), the CSV export's time columns: started, first attempt, first contact,
   * attempts to contact, qualified, ended, disposition.
   */
  final Map<String, String> exportRows = new TreeMap<>();

  TimelineRecount(Instant from, Instant to, Instant now) {
    this.from = from;
    this.to = to;
    this.now = now;
  }

  private boolean inPeriod(Instant at) {
    return !at.isBefore(from) && at.isBefore(to);
  }

  /** One lead's timeline (the API's answer). */
  void add(JsonNode timeline) {
    Map<Integer, List<JsonNode>> cycles = new TreeMap<>();
    timeline.get("entries").forEach(entry -> cycles.computeIfAbsent(entry.get("cycle").asInt(),
        k -> new ArrayList<>()).add(entry));
    cycles.forEach((cycle, entries) -> cycle(timeline.get("leadId").asText() + "," + cycle, entries));
  }

  private void cycle(String leadAndCycle, List<JsonNode> entries) {
    Instant arrived = null;
    Instant responseDue = null;
    Instant qualifiedAt = null;
    Instant endedAt = null;
    String disposition = null;
    List<JsonNode> touches = new ArrayList<>();
    Map<String, Instant> missedAt = new TreeMap<>();
    for (JsonNode entry : entries) {
      Instant at = Instant.parse(entry.get("at").asText());
      String stage = entry.path("stage").asText(null);
      String text = entry.get("text").asText();
      switch (entry.get("kind").asText()) {
        case "ARRIVED" -> arrived = arrived == null ? at : arrived;
        case "CLOCK_STARTED" -> {
          if ("response".equals(stage) && responseDue == null) {
            responseDue = Instant.parse(entry.get("until").asText());
          }
          if ("handoff".equals(stage) && qualifiedAt == null) {   // qualified: the hand-off's clock started
            qualifiedAt = at;
          }
        }
        case "TOUCH" -> touches.add(entry);
        case "MISSED_SLA" -> {
          if (inPeriod(at)) {
            missedByStage.merge(stage, 1L, Long::sum);
            missedAt.put(stage, at);
          }
        }
        case "ESCALATED" -> {
          if (missedAt.containsKey(stage)) {
            escalatedByStage.merge(stage, 1L, Long::sum);
          }
        }
        case "ASSIGNED" -> {
          if (inPeriod(at) && text.startsWith("Reassigned from ")) {
            Matcher why = REASON.matcher(text);
            reassignmentsByReason.merge(why.matches() ? why.group(1) : "", 1L, Long::sum);
          } else if (inPeriod(at) && text.startsWith("Handed over from ")) {
            handoffs++;
          }
        }
        case "PAUSED" -> {
          if (inPeriod(at)) {
            pausesByStage.merge(stage, 1L, Long::sum);
          }
        }
        case "ENDED" -> {
          Matcher ended = ENDED.matcher(text);
          if (ended.matches()) {
            endedAt = at;
            disposition = ended.group(1);
          }
        }
        default -> { }
      }
    }
    if (arrived == null || !inPeriod(arrived)) {
      return;
    }
    leadsIn++;
    if (disposition != null) {
      dispositions.merge(disposition, 1L, Long::sum);
    }
    if (qualifiedAt != null) {
      toQualify.add(Duration.between(arrived, qualifiedAt).toSeconds());
      qualified++;
    }
    if (qualifiedAt != null || endedAt != null) {
      decided++;
    }
    if (!touches.isEmpty()) {
      pickedUp++;
      Instant first = Instant.parse(touches.get(0).get("at").asText());
      toFirstAttempt.add(Duration.between(arrived, first).toSeconds());
      if (!first.isAfter(responseDue)) {
        inTime++;
      }
    }
    if (!touches.isEmpty() || !responseDue.isAfter(now)) {
      judged++;
    }
    String contact = ",";
    for (int i = 0; i < touches.size(); i++) {
      if (touches.get(i).get("text").asText().contains(", connected")) {
        Instant contacted = Instant.parse(touches.get(i).get("at").asText());
        toContact.add(Duration.between(arrived, contacted).toSeconds());
        attemptsToContact.add(i + 1L);
        contact = contacted + "," + (i + 1);
        break;
      }
    }
    exportRows.put(leadAndCycle, String.join(",", arrived.toString(),
        touches.isEmpty() ? "" : touches.get(0).get("at").asText(), contact, text(qualifiedAt), text(endedAt),
        disposition == null ? "" : disposition));
  }

  private static String text(Instant at) {
    return at == null ? "" : at.toString();
  }

  /** The nearest-rank percentile of the values (null without values). */
  static Long percentile(List<Long> values, int percent) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
  }

  /** A rate rounded half up to four decimals (null when nothing is counted). */
  static Double rate(long part, long whole) {
    return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
  }
}

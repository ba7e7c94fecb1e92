package io.leadsla.notification;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Writes the SLA mails from their templates, one per recipient in the recipient's time zone. Knows no engine. */
@Service
public class SlaMailWriter {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z", Locale.ENGLISH);

  private final MailTemplates templates;

  SlaMailWriter(MailTemplates templates) {
    this.templates = templates;
  }

  public OutgoingMail compose(SlaNotification n, Recipient to) {
    Map<String, Object> model = new HashMap<>();
    model.put("leadName", MailText.oneLine(n.leadName(), 200));
    model.put("company", MailText.oneLine(n.company(), 200));
    model.put("source", MailText.oneLine(n.source(), 40));
    model.put("score", MailText.oneLine(n.score(), 10));
    model.put("tier", MailText.oneLine(n.tier(), 10));
    model.put("owner", MailText.oneLine(n.ownerName() != null ? n.ownerName() : n.owner(), 120));
    model.put("stage", n.stage());
    model.put("deadline", ZonedDateTime.ofInstant(n.deadline(), to.zone()).format(TIME));
    model.put("waited", duration(n.arrivedAt() == null ? Duration.ZERO : Duration.between(n.arrivedAt(), n.now())));
    model.put("overdue", duration(Duration.between(n.deadline(), n.now())));
    model.put("taskLink", n.taskLink());
    model.put("leadId", n.leadId());
    model.put("cycle", n.cycle());
    String subject = subject(n, (String) model.get("deadline"), (String) model.get("overdue"));
    model.put("subject", subject);
    String template = n.kind().name().toLowerCase(Locale.ROOT);
    return new OutgoingMail(n.dedupKey(), n.kind(), n.leadId(), n.cycle(), n.stage(), n.round(), to.email(), subject,
        templates.text(template, model), templates.html(template, model));
  }

  static String subject(SlaNotification n, String deadline, String overdue) {
    String lead = MailText.oneLine(n.leadName(), 80)
        + (n.company() == null || n.company().isBlank() ? "" : " (" + MailText.oneLine(n.company(), 60) + ")");
    return switch (n.kind()) {
      case ALERT -> "New " + n.stage() + " SLA for you" + ("T1".equals(n.tier()) ? " (hot lead)" : "") + ": "
          + lead + " – due " + deadline;
      case WARNING -> "Going cold: " + lead + " – " + n.stage() + " SLA ends " + deadline;
      case BREACH -> "SLA missed: " + lead + " – " + n.stage() + " deadline passed " + deadline;
      case ESCALATION -> "Escalation: " + lead + " – " + n.stage() + " SLA missed by " + overdue;
      default -> throw new IllegalArgumentException(n.kind() + " is not an SLA mail");
    };
  }

  /** "0 min", "25 min", "3 h 5 min", "2 d 4 h". */
  static String duration(Duration duration) {
    if (duration.isNegative()) {
      return "0 min";
    }
    if (duration.toDays() > 0) {
      return duration.toDays() + " d " + duration.toHoursPart() + " h";
    }
    return duration.toHours() > 0 ? duration.toHours() + " h " + duration.toMinutesPart() + " min"
        : duration.toMinutes() + " min";
  }
}

package io.leadsla.notification;

import io.leadsla.LeadSlaProperties;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/** Writes and sends the plain-text SLA mails. Knows nothing of the process engine. */
@Service
public class SlaMailer {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z");

  private final JavaMailSender mailSender;
  private final LeadSlaProperties properties;

  SlaMailer(JavaMailSender mailSender, LeadSlaProperties properties) {
    this.mailSender = mailSender;
    this.properties = properties;
  }

  public void send(SlaNotification notification, List<String> recipients) {
    if (recipients.isEmpty()) {
      throw new IllegalStateException("Nobody to send the " + notification.kind() + " mail for lead "
          + notification.leadId() + " to: give the users an email address in Camunda Admin");
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(properties.mail().from());
    message.setTo(recipients.toArray(String[]::new));
    message.setSubject(subject(notification));
    message.setText(body(notification));
    mailSender.send(message);
  }

  String subject(SlaNotification n) {
    String lead = MailText.oneLine(n.leadName(), 80)
        + (n.company() == null || n.company().isBlank() ? "" : " (" + MailText.oneLine(n.company(), 60) + ")");
    String stage = n.stage();
    return switch (n.kind()) {
      case ALERT -> "New " + stage + " SLA for you: " + lead + " – due " + time(n);
      case WARNING -> "Going cold: " + lead + " – " + stage + " SLA ends " + time(n);
      case BREACH -> "SLA missed: " + lead + " – " + stage + " deadline passed " + time(n);
      case ESCALATION -> "Escalation: " + lead + " – " + stage + " SLA missed by " + overdue(n);
    };
  }

  String body(SlaNotification n) {
    String intro = switch (n.kind()) {
      case ALERT -> "A lead is waiting for you. The " + n.stage() + " clock is running.";
      case WARNING -> "This lead is going cold: the " + n.stage() + " SLA runs out soon.";
      case BREACH -> "The " + n.stage() + " SLA of this lead was missed. A manager can reassign it, extend the "
          + "deadline once, or disposition it from the intervention task in Tasklist.";
      case ESCALATION -> "The " + n.stage() + " SLA of this lead was missed " + overdue(n)
          + " ago and the lead is still waiting.";
    };
    return intro + "\n\n"
        + "Lead:     " + MailText.oneLine(n.leadName(), 200) + "\n"
        + "Company:  " + MailText.oneLine(n.company(), 200) + "\n"
        + "Source:   " + MailText.oneLine(n.source(), 40) + "\n"
        + "Score:    " + MailText.oneLine(n.score(), 10) + "\n"
        + "Owner:    " + MailText.oneLine(n.owner(), 64) + "\n"
        + "Deadline: " + time(n) + "\n"
        + "Lead id:  " + n.leadId() + " (cycle " + n.cycle() + ")\n\n"
        + "Open it in Tasklist: " + n.taskLink() + "\n";
  }

  private String time(SlaNotification n) {
    return ZonedDateTime.ofInstant(n.deadline(), properties.mail().timeZone()).format(TIME);
  }

  private static String overdue(SlaNotification n) {
    Duration late = Duration.between(n.deadline(), n.now());
    if (late.isNegative()) {
      return "0 min";
    }
    long hours = late.toHours();
    return hours > 0 ? hours + " h " + late.toMinutesPart() + " min" : late.toMinutes() + " min";
  }
}

package io.leadsla.report;

import io.leadsla.LeadSlaProperties;
import io.leadsla.notification.MailTemplates;
import io.leadsla.notification.NotificationKind;
import io.leadsla.notification.NotificationRecipients;
import io.leadsla.notification.NotificationOutbox;
import io.leadsla.notification.OutgoingMail;
import io.leadsla.notification.Recipient;
import io.leadsla.team.TeamDirectory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Process glue of DailySlaReport: which day to report, which managers still wait for it, and each manager's mail
 * with a section per team they manage. Sent through the outbox, once per manager and day.
 */
@Component("dailySlaReport")
public class DailySlaReport {

  private final LeadSlaProperties.Report settings;
  private final MorningReportQueries figures;
  private final NotificationRecipients recipients;
  private final TeamDirectory directory;
  private final MailTemplates templates;
  private final NotificationOutbox outbox;

  DailySlaReport(LeadSlaProperties properties, MorningReportQueries figures, NotificationRecipients recipients,
      TeamDirectory directory, MailTemplates templates, NotificationOutbox outbox) {
    this.settings = properties.report();
    this.figures = figures;
    this.recipients = recipients;
    this.directory = directory;
    this.templates = templates;
    this.outbox = outbox;
  }

  /** "Pick the report day": yesterday in the report's zone, or none before the report time. */
  public void pickDay(DelegateExecution execution) {
    ZonedDateTime now = ClockUtil.getCurrentTime().toInstant().atZone(settings.zone());
    boolean due = !now.toLocalTime().isBefore(settings.time());
    execution.setVariable("reportDay", due ? now.toLocalDate().minusDays(1).toString() : null);
  }

  /** The managers whose report of {@code reportDay} is not queued yet (the multi-instance collection). */
  public List<String> managersDue(DelegateExecution execution) {
    String day = (String) execution.getVariable("reportDay");
    if (day == null) {
      return List.of();
    }
    List<String> due = new ArrayList<>();
    for (String manager : managers()) {
      Optional<String> email = directory.emailOf(manager);
      if (email.isPresent() && !outbox.queued(dedupKey(day), email.get())) {
        due.add(manager);
      }
    }
    return due;
  }

  /** "Mail the report" for one manager (the element variable {@code manager}). */
  public void send(DelegateExecution execution) {
    String manager = (String) execution.getVariable("manager");
    String day = (String) execution.getVariable("reportDay");
    Recipient to = directory.emailOf(manager).map(email -> recipients.recipient(manager, email))
        .orElseThrow(() -> new IllegalStateException("Manager " + manager + " has no e-mail address in Admin"));
    outbox.enqueue(compose(manager, to, LocalDate.parse(day), ClockUtil.getCurrentTime().toInstant()),
        execution.getProcessInstanceId());
  }

  OutgoingMail compose(String manager, Recipient to, LocalDate day, Instant now) {
    List<DailyReportView> sections = teamsOf(manager).stream()
        .map(team -> DailyReportView.of(figures.of(team, day, settings.zone(), now), to.zone()))
        .toList();
    String subject = "Lead SLA report for " + (sections.isEmpty() ? day.toString() : sections.get(0).day());
    Map<String, Object> model = new HashMap<>(DailyReportView.model(
        directory.firstNameOf(manager).orElse(manager), day.toString(), sections));
    model.put("subject", subject);
    model.put("greeting", greeting(now, to.zone()));
    return new OutgoingMail(dedupKey(day.toString()), NotificationKind.DAILY_REPORT, null, null, null, null,
        to.email(), subject, templates.text("daily_report", model), templates.html("daily_report", model));
  }

  /** "Good morning" only in the recipient's morning: a report resent at 15:00 says "Good afternoon". */
  static String greeting(Instant now, ZoneId zone) {
    int hour = now.atZone(zone).getHour();
    return hour >= 5 && hour < 12 ? "Good morning" : hour >= 12 && hour < 18 ? "Good afternoon" : "Good evening";
  }

  /** Every manager of a reported team, each once. */
  Set<String> managers() {
    Set<String> managers = new LinkedHashSet<>();
    settings.teams().forEach(team -> managers.addAll(recipients.managersOf(null, team)));
    return managers;
  }

  List<String> teamsOf(String manager) {
    return settings.teams().stream().filter(team -> recipients.managersOf(null, team).contains(manager)).toList();
  }

  static String dedupKey(String day) {
    return "daily-report/" + day;
  }
}

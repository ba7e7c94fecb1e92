package io.leadsla.notification;

import io.leadsla.LeadSlaProperties;
import io.leadsla.team.TeamDirectory;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Send task "Acknowledge the lead": a personal mail to the lead who asked to be contacted. The task is
 * asyncBefore, so the mail leaves only after the lead's start committed, and an SMTP failure retries on its own.
 */
@Component("leadAcknowledgement")
public class LeadAcknowledgement {

  private final JavaMailSender mailSender;
  private final TeamDirectory directory;
  private final LeadSlaProperties properties;

  LeadAcknowledgement(JavaMailSender mailSender, TeamDirectory directory, LeadSlaProperties properties) {
    this.mailSender = mailSender;
    this.directory = directory;
    this.properties = properties;
  }

  public void send(DelegateExecution execution) {
    String leadName = (String) execution.getVariable("leadName");
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(properties.mail().from());
    message.setTo((String) execution.getVariable("email"));
    message.setSubject(AcknowledgementText.subject(leadName));
    message.setText(AcknowledgementText.body(
        leadName,
        directory.firstNameOf((String) execution.getVariable("owner")).orElse(null),
        ((Date) execution.getVariable("arrivedAt")).toInstant(),
        Duration.parse((String) execution.getVariable("responseSla")),
        properties.workingHours()));
    mailSender.send(message);
  }
}

package io.leadsla.notification;

import static io.leadsla.sla.LeadCycleDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleProcess;
import io.leadsla.sla.LeadCycleTestSupport;
import io.leadsla.sla.SlaStage;
import io.leadsla.sla.SlaStageProcess;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What each SLA mail says, to whom, in which time zone. A T1 demo request: response SLA 5 min, warning 2 min
 * before, the deadline 09:05 UTC on Monday 2 March 2026.
 */
class NotificationMailsTest extends LeadCycleTestSupport {

  @Autowired IdentityService identityService;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
  String owner;

  @AfterEach
  void forgetTimeZones() {
    for (String user : List.of("sam", "sara", "sol", "maria")) {
      identityService.deleteUserInfo(user, "timeZone");
    }
  }

  ProcessInstance leadWithBerlinOwner() {
    ProcessInstance lead = driver.submitLead("demo_request", 50);
    owner = (String) driver.variable(lead, "owner");
    identityService.setUserInfo(owner, "timeZone", "Europe/Berlin");
    identityService.setUserInfo("maria", "timeZone", "America/New_York");
    return lead;
  }

  String ownerName() {
    return owner.substring(0, 1).toUpperCase() + owner.substring(1) + " Lead";   // demo users: sam -> Sam Lead
  }

  @Test
  void theAlertTellsTheOwnerEverythingAboutTheLeadInBothFormats() throws Exception {
    ProcessInstance lead = driver.submitLead("demo_request", 50);
    owner = (String) driver.variable(lead, "owner");
    String taskId = driver.task(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD).getId();

    MimeMessage alert = driver.assertOneMail("New response SLA for you (hot lead)", owner + "@example.com");

    assertThat(LeadCycleDriver.subject(alert))
        .isEqualTo("New response SLA for you (hot lead): Jo Prospect (Acme Corp) – due Mon 2 Mar 2026, 09:05 UTC");
    for (String body : List.of(LeadCycleDriver.body(alert), LeadCycleDriver.html(alert))) {
      assertThat(body).contains("Jo Prospect", "Acme Corp", "demo_request", "50", "T1", ownerName(),
          "Mon 2 Mar 2026, 09:05 UTC", "0 min", "http://leadsla.test/leads/" + lead.getBusinessKey() + "/task");
    }
    // a link that finds the lead's task open when it is clicked (see ApplicationContract), here the owner's
    assertThat(taskId).isNotNull();
    assertThat(LeadCycleDriver.html(alert)).contains("<a href=\"http://leadsla.test/leads/" + lead.getBusinessKey() + "/task");
    assertThat(alert.getMessageID()).matches("<[0-9a-f]{32}@lead-sla>");
  }

  @Test
  void theWarningShowsTheDeadlineInTheOwnersOwnTimeZone() {
    ProcessInstance lead = leadWithBerlinOwner();

    driver.fireTimer(lead, SlaStageProcess.WARNING_TIMER, T0.plus(Duration.ofMinutes(3)));

    MimeMessage warning = driver.assertOneMail("Going cold", owner + "@example.com");
    assertThat(LeadCycleDriver.subject(warning)).endsWith("response SLA ends Mon 2 Mar 2026, 10:05 CET");
    assertThat(LeadCycleDriver.body(warning)).contains("going cold", "Waiting for: 3 min", ownerName());
  }

  @Test
  void theMissedSlaMailGoesToOwnerAndManagerEachInTheirZone() {
    ProcessInstance lead = leadWithBerlinOwner();

    driver.fireTimer(lead, SlaStageProcess.BREACH_TIMER, T0.plus(Duration.ofMinutes(5)));

    List<MimeMessage> missed = driver.assertOneMailEach("SLA missed", owner + "@example.com", "maria@example.com");
    for (MimeMessage mail : missed) {
      String expected = LeadCycleDriver.recipients(mail).contains("maria@example.com")
          ? "Mon 2 Mar 2026, 04:05 EST" : "Mon 2 Mar 2026, 10:05 CET";
      assertThat(LeadCycleDriver.subject(mail)).endsWith("deadline passed " + expected);
      assertThat(LeadCycleDriver.body(mail)).contains("reassign it, extend the deadline once", "Waiting for: 5 min");
    }
  }

  @Test
  void theEscalationTellsTheExecutivesHowLateTheLeadIs() {
    ProcessInstance lead = driver.submitLead("demo_request", 50);
    driver.fireTimer(lead, SlaStageProcess.BREACH_TIMER, T0.plus(Duration.ofMinutes(5)));

    driver.fireTimer(lead, SlaStageProcess.EXECUTIVE_TIMER, T0.plus(Duration.ofMinutes(35)));

    MimeMessage escalation = driver.assertOneMail("Escalation", "eve@example.com");
    assertThat(LeadCycleDriver.subject(escalation)).isEqualTo(
        "Escalation: Jo Prospect (Acme Corp) – response SLA missed by 30 min");
    assertThat(LeadCycleDriver.body(escalation)).contains("missed 30 min ago", "Waiting for: 35 min");
  }

  @Test
  void aHostileLeadNameCannotAddHeadersOrMarkup() {
    ProcessInstance lead = driver.submitLead("demo_request", 50);
    owner = (String) driver.variable(lead, "owner");
    // stored behind the intake's back (e.g. edited in the database), so the mail code must hold the line itself
    jdbc.update("UPDATE lead SET name = ? WHERE id = ?", "Jo\r\nBcc: evil@example.org\r\n<script>alert(1)</script>",
        lead.getBusinessKey());

    driver.fireTimer(lead, SlaStageProcess.WARNING_TIMER, T0.plus(Duration.ofMinutes(3)));

    MimeMessage warning = driver.assertOneMail("Going cold", owner + "@example.com");
    assertThat(LeadCycleDriver.subject(warning)).doesNotContain("\r", "\n")
        .startsWith("Going cold: Jo Bcc: evil@example.org <script>alert(1)</script>");
    assertThat(driver.mails()).hasSize(2);   // the alert and this warning, nobody in Bcc
    assertThat(LeadCycleDriver.html(warning)).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    assertThat(LeadCycleDriver.body(warning)).contains("Lead:        Jo Bcc: evil@example.org <script>alert(1)</script>");
  }
}

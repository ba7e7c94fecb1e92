package io.leadsla.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.leadsla.intake.IntakeResult;
import io.leadsla.intake.LeadIntakeService;
import io.leadsla.lead.LeadFields;
import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleTestSupport;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A lead who asked to be contacted gets one personal acknowledgement, saying when to expect a call. */
class LeadAcknowledgementTest extends LeadCycleTestSupport {

  @Autowired LeadIntakeService intake;

  ProcessInstance submit(String name, String email, String channel) {
    IntakeResult result = intake.submit(
        new LeadFields(name, email, "Acme Corp", null, null, "demo_request", null, 40, true, null), channel);
    ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(result.processInstanceId()).singleResult();
    driver.runAsyncJobs(instance);
    return instance;
  }

  List<MimeMessage> acknowledgementsTo(String email) {
    return driver.mails("Thank you for getting in touch").stream()
        .filter(mail -> LeadCycleDriver.recipients(mail).contains(email)).toList();
  }

  @Test
  void aLeadArrivingInWorkingHoursIsToldWhoCallsWithinTheResponseSla() {
    ProcessInstance lead = submit("Jo Prospect", "jo.inhours@acme.example", "form");   // Monday 09:00 UTC

    assertThat(lead).hasPassed("Task_AcknowledgeLead");
    List<MimeMessage> mails = acknowledgementsTo("jo.inhours@acme.example");
    assertThat(mails).hasSize(1);
    String owner = (String) driver.variable(lead, "owner");
    String firstName = owner.substring(0, 1).toUpperCase() + owner.substring(1);   // demo users: sam -> Sam
    assertThat(LeadCycleDriver.subject(mails.get(0))).isEqualTo("Thank you for getting in touch, Jo Prospect");
    assertThat(LeadCycleDriver.body(mails.get(0)))
        .contains("Hello Jo Prospect,")
        .contains(firstName + " from our sales team will get in touch with you within 5 minutes (by 09:05 UTC).");
  }

  @Test
  void aLeadArrivingOnSaturdayNightIsToldTheTeamCallsOnMondayMorning() {
    LeadCycleDriver.setClock(Instant.parse("2026-03-07T22:30:00Z"));

    submit("Jo Weekend", "jo.weekend@acme.example", "api");

    List<MimeMessage> mails = acknowledgementsTo("jo.weekend@acme.example");
    assertThat(mails).hasSize(1);
    assertThat(LeadCycleDriver.body(mails.get(0)))
        .contains("outside our working hours")
        .contains("will call you when we are back: Monday 9 March from 09:00 (UTC).");
  }

  @Test
  void leadsFromAnEventListOrTypedInByHandGetNoAcknowledgement() {
    ProcessInstance imported = submit("Jo Imported", "jo.imported@acme.example", "csv");

    assertThat(imported).hasPassed("EndEvent_NoAcknowledgement").hasNotPassed("Task_AcknowledgeLead");
    assertThat(acknowledgementsTo("jo.imported@acme.example")).isEmpty();
  }

  @Test
  void userTextInTheAcknowledgementIsShownLiterallyAndCannotAddHeaders() {
    submit("Pat O'Brien <b>${x}</b>", "pat.obrien@acme.example", "form");

    List<MimeMessage> mails = acknowledgementsTo("pat.obrien@acme.example");
    assertThat(mails).hasSize(1);
    assertThat(LeadCycleDriver.subject(mails.get(0))).isEqualTo("Thank you for getting in touch, Pat O'Brien <b>${x}</b>");
    assertThat(LeadCycleDriver.body(mails.get(0))).contains("Hello Pat O'Brien <b>${x}</b>,");
  }
}

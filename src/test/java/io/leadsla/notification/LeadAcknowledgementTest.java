package io.leadsla.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.leadsla.intake.IntakeResult;
import io.leadsla.intake.LeadIntakeService;
import io.leadsla.lead.LeadFields;
import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleTestSupport;
import io.leadsla.sla.SlaClockLog;
import io.leadsla.sla.SlaStage;
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
    return submit(new LeadFields(name, email, "Acme Corp", null, null, "demo_request", null, 40, true, null), channel);
  }

  ProcessInstance submit(LeadFields lead, String channel) {
    IntakeResult result = intake.submit(lead, channel);
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
        .contains("will call you when we are back, by Monday 9 March 09:05 (UTC).");
  }

  /** A tier-1 lead at 20:00: its 5-minute clock starts when its team opens, and the lead is told that time. */
  @Test
  void aTierOneLeadAfterHoursIsDueWhenItsTeamOpensAndIsToldTheSameTime() {
    LeadCycleDriver.setClock(Instant.parse("2026-03-02T20:00:00Z"));   // Monday, the team works 09:00-17:00 UTC

    ProcessInstance lead = submit("Jo Evening", "jo.evening@acme.example", "form");

    SlaClockLog.ClockRun response = clockRun(lead, SlaStage.RESPONSE);
    assertThat(response.deadline()).isEqualTo(Instant.parse("2026-03-03T09:05:00Z"));
    assertThat(response.warningAt()).as("no warning to a rep who is asleep").isEqualTo("2026-03-03T09:03:00Z");
    assertThat(driver.task(lead, "Task_RespondToLead").getDueDate().toInstant()).isEqualTo(response.deadline());
    assertThat(LeadCycleDriver.body(acknowledgementsTo("jo.evening@acme.example").get(0)))
        .contains("outside our working hours").contains("by Tuesday 3 March 09:05 (UTC).");
  }

  /** The same lead where an after-hours team is at work: it takes the lead, and the 5 minutes count at once. */
  @Test
  void aTierOneLeadAfterHoursGoesToTheAfterHoursTeamOnARoundTheClockSla() {
    if (engine.getIdentityService().createGroupQuery().groupId("sdr-nz").count() == 0) {
      engine.getIdentityService().saveGroup(engine.getIdentityService().newGroup("sdr-nz"));
      org.camunda.bpm.engine.identity.User nina = engine.getIdentityService().newUser("nina");
      nina.setFirstName("Nina");
      nina.setEmail("nina@example.com");
      engine.getIdentityService().saveUser(nina);
      engine.getIdentityService().createMembership("nina", "sdr-nz");
    }
    LeadCycleDriver.setClock(Instant.parse("2026-03-02T20:00:00Z"));   // Tuesday 09:00 in Auckland

    ProcessInstance lead = submit(new LeadFields("Jo Dublin", "jo.dublin@acme.example", "Acme Corp", null, "IE",
        "demo_request", null, 40, true, null), "form");

    assertThat(driver.variable(lead, "owner")).isEqualTo("nina");
    SlaClockLog.ClockRun response = clockRun(lead, SlaStage.RESPONSE);
    assertThat(response.ownerGroup()).isEqualTo("sdr-nz");
    assertThat(response.deadline()).isEqualTo(Instant.parse("2026-03-02T20:05:00Z"));
    assertThat(LeadCycleDriver.body(acknowledgementsTo("jo.dublin@acme.example").get(0)))
        .contains("Nina from our sales team will get in touch with you within 5 minutes (by 09:05 Pacific/Auckland).");
  }

  @Test
  void onlyALeadThatAskedToBeContactedGetsAnAcknowledgement() {
    ProcessInstance newsletter = submit(new LeadFields("Jo Newsletter", "jo.newsletter@acme.example", null, null,
        null, "newsletter", null, 20, false, null), "form");
    ProcessInstance webinarWithConsent = submit(new LeadFields("Jo Webinar", "jo.webinar@acme.example", null, null,
        null, "webinar", null, 20, true, null), "api");
    ProcessInstance contactSales = submit(new LeadFields("Jo Sales", "jo.sales@acme.example", null, null,
        null, "contact_sales", null, 20, false, null), "form");

    assertThat(newsletter).hasPassed("EndEvent_NoAcknowledgement").hasNotPassed("Task_AcknowledgeLead");
    assertThat(acknowledgementsTo("jo.newsletter@acme.example")).isEmpty();
    assertThat(acknowledgementsTo("jo.webinar@acme.example")).as("consent given").hasSize(1);
    assertThat(acknowledgementsTo("jo.sales@acme.example")).as("a contact request").hasSize(1);
    assertThat(contactSales).hasPassed("Task_AcknowledgeLead");
    assertThat(webinarWithConsent).hasPassed("Task_AcknowledgeLead");
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

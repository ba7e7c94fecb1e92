package io.leadsla.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.intake.IntakeResult;
import io.leadsla.intake.LeadIntakeService;
import io.leadsla.lead.LeadFields;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

/**
 * A sales-ops admin changes the SLA table in Cockpit's deployment (or redeploys bpmn/LeadSlaPolicy.dmn): the next
 * lead that starts gets the new policy, although the answer for the same source and score is kept between leads.
 */
class SlaPolicyDecisionTest extends LeadCycleTestSupport {

  @Autowired LeadIntakeService intake;
  Deployment changed;

  @AfterEach
  void restoreThePolicy() {
    if (changed != null) {
      engine.getRepositoryService().deleteDeployment(changed.getId(), true);
    }
  }

  @Test
  void aNewVersionOfThePolicyTableDecidesTheNextLead() throws Exception {
    assertThat(responseSla(start("before@example.org"))).isEqualTo("PT5M");
    assertThat(responseSla(start("same.inputs@example.org"))).as("same source and score again").isEqualTo("PT5M");

    String table = new String(new ClassPathResource("bpmn/LeadSlaPolicy.dmn").getInputStream().readAllBytes(),
        StandardCharsets.UTF_8);
    String t1ResponseSla = "<outputEntry id=\"OutputEntry_T1_Response_sla\"><text>\"PT5M\"</text>";
    assertThat(table).contains(t1ResponseSla);
    changed = engine.getRepositoryService().createDeployment().name("tier 1 gets 7 minutes")
        .addInputStream("LeadSlaPolicy.dmn", new ByteArrayInputStream(table.replace(t1ResponseSla,
            t1ResponseSla.replace("PT5M", "PT7M")).getBytes(StandardCharsets.UTF_8)))
        .deploy();

    assertThat(responseSla(start("after@example.org"))).isEqualTo("PT7M");
    assertThat(responseSla(start("after.again@example.org"))).isEqualTo("PT7M");
  }

  private String start(String email) {
    IntakeResult accepted = intake.submit(new LeadFields("Jo Prospect", email, "Acme Corp", null, null,
        "demo_request", null, 50, true, null), "api");
    LeadCycleDriver.runStartJob(engine, accepted.processInstanceId());
    return accepted.processInstanceId();
  }

  private String responseSla(String processInstanceId) {
    return (String) engine.getRuntimeService().getVariable(processInstanceId, "responseSla");
  }
}

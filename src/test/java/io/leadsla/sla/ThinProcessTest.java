package io.leadsla.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.intake.IntakeResult;
import io.leadsla.intake.LeadIntakeService;
import io.leadsla.lead.LeadFields;
import java.util.List;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A lead's facts live in the lead store and a clock's policy and deadlines on its run; the instance carries the
 * cycle, the owner and the stage. Each process variable is a row in ACT_RU_VARIABLE, written for every lead of a
 * burst; the engine keeps no history copy of them (history level "activity").
 */
class ThinProcessTest extends LeadCycleTestSupport {

  @Autowired LeadIntakeService intake;

  @Test
  void aLeadWaitingForItsFirstTouchCarriesAtMostTwelveVariablesAndNoCopyOfItsFields() {
    IntakeResult accepted = intake.submit(new LeadFields("Jo Prospect", "thin@example.org", "Acme Corp",
        "+1 555 0100", "us", "demo_request", "spring-launch", 50, true, "Please call me"), "api");
    LeadCycleDriver.runStartJob(engine, accepted.processInstanceId());

    // the lead's cycle and the response stage it waits in
    String[] instances = LeadCycleDriver.family(engine, accepted.processInstanceId()).toArray(String[]::new);
    assertThat(instances).hasSize(2);
    List<String> names = engine.getRuntimeService().createVariableInstanceQuery()
        .processInstanceIdIn(instances).list().stream().map(VariableInstance::getName).sorted()
        .toList();

    assertThat(names).hasSizeLessThanOrEqualTo(12)
        .contains("cycle", "owner", "ownerGroup", "stage")
        .doesNotContain("leadName", "email", "company", "phone", "region", "source", "score", "leadMessage",
            "responseSla", "slaWarningAt", "slaExpiresAt", "slaDeadline", "tier", "arrivedAt", "intakeChannel",
            "enteredBy", "cadenceTouches", "cadenceDays");
  }
}

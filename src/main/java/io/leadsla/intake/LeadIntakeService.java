package io.leadsla.intake;

import io.leadsla.lead.LeadFields;
import io.leadsla.lead.LeadStore;
import io.leadsla.sla.LeadCycleProcess;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where every submitted lead ends up. One transaction with the engine: the lead row is locked first, so parallel
 * submissions of the same person queue up and the second one finds the cycle the first one opened.
 */
@Service
public class LeadIntakeService {

  /** A lead that asks again while being worked is hotter than before. */
  static final int RESUBMISSION_BONUS = 10;

  private final LeadStore store;
  private final RuntimeService runtimeService;

  LeadIntakeService(LeadStore store, RuntimeService runtimeService) {
    this.store = store;
    this.runtimeService = runtimeService;
  }

  @Transactional
  public IntakeResult submit(LeadFields lead, String channel) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    LeadStore.StoredLead stored = store.lockOrCreate(lead, null, now);
    if (stored.cycleOpen()) {
      int score = Math.min(100, Math.max(stored.score(), lead.score()) + RESUBMISSION_BONUS);
      store.refresh(stored.id(), lead, score, now);
      String instance = store.openCycleInstance(stored.id()).orElseThrow();
      runtimeService.setVariables(instance, Map.of(
          "score", score,
          "newInterest", "Asked again via " + channel + " (" + lead.source() + ") at " + now));
      return new IntakeResult(stored.id(), stored.lastCycle(), IntakeResult.Outcome.ABSORBED, instance);
    }
    Map<String, Object> variables = lead.toVariables();
    variables.put("intakeChannel", channel);
    ProcessInstance instance = runtimeService.createMessageCorrelation(LeadCycleProcess.MESSAGE_LEAD_SUBMITTED)
        .processInstanceBusinessKey(stored.id())
        .setVariables(variables)
        .correlateStartMessage();
    return new IntakeResult(stored.id(), stored.lastCycle() + 1,
        stored.lastCycle() == 0 ? IntakeResult.Outcome.CREATED : IntakeResult.Outcome.REENGAGED, instance.getId());
  }
}

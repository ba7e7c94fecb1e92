package io.leadsla.sla;

import io.leadsla.clock.DeadlineClock;
import io.leadsla.clock.SlaDeadlines;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Starts a stage's clock: the deadlines go into variables that the stage's timers ({@code timeDate}) and the
 * work task's due date read. Only one stage runs at a time, so the names are shared.
 */
@Component("slaClock")
public class StageClock {

  private final DeadlineClock clock;

  StageClock(DeadlineClock clock) {
    this.clock = clock;
  }

  public void startStage(DelegateExecution execution, String stageKey) {
    SlaStage stage = SlaStage.of(stageKey);
    execution.setVariable("stage", stage.key());
    execution.setVariable("slaExtended", false);
    // a manager's choice on an earlier stage must not pre-fill the next intervention form
    execution.removeVariable("intervention");
    start(execution, stage);
  }

  /** A manager granted one extension: the owner gets a full SLA from now. */
  public void extend(DelegateExecution execution) {
    if (Boolean.TRUE.equals(execution.getVariable("slaExtended"))) {
      throw new IllegalStateException("The " + execution.getVariable("stage") + " SLA was already extended once");
    }
    execution.setVariable("slaExtended", true);
    start(execution, SlaStage.of((String) execution.getVariable("stage")));
  }

  private void start(DelegateExecution execution, SlaStage stage) {
    StagePolicy policy = StagePolicy.read(execution, stage);
    SlaDeadlines deadlines = clock.deadlines(
        ClockUtil.getCurrentTime().toInstant(),
        policy.sla(), policy.warnBefore(), policy.managerDelay(), policy.executiveDelay(), policy.expireAfter());
    execution.setVariable("slaStartedAt", Date.from(deadlines.startedAt()));
    execution.setVariable("slaDeadline", Date.from(deadlines.deadline()));
    execution.setVariable("slaWarningAt", Date.from(deadlines.warningAt()));
    execution.setVariable("slaBreachAt", Date.from(deadlines.breachAt()));
    execution.setVariable("slaExecutiveAt", Date.from(deadlines.executiveAt()));
    execution.setVariable("slaExpiresAt", Date.from(deadlines.expiresAt()));
  }
}

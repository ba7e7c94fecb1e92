package io.leadsla.sla;

import io.leadsla.clock.DeadlineClock;
import io.leadsla.clock.SlaDeadlines;
import io.leadsla.clock.TeamCalendar;
import io.leadsla.team.Teams;
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
  private final SlaClockLog log;
  private final Teams teams;

  StageClock(DeadlineClock clock, SlaClockLog log, Teams teams) {
    this.clock = clock;
    this.log = log;
    this.teams = teams;
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

  /** End listener of a stage sub-process, whichever way it ends (done, reassigned, extended, disposition, expiry). */
  public void stageEnded(DelegateExecution execution) {
    log.ended(execution.getBusinessKey(), cycle(execution), (String) execution.getVariable("stage"),
        ClockUtil.getCurrentTime().toInstant());
  }

  /** The run of the current stage's clock: 1, then one more per reassignment or extension. */
  public static int round(DelegateExecution execution) {
    Object round = execution.getVariable(roundVariable((String) execution.getVariable("stage")));
    return round == null ? 1 : ((Number) round).intValue();
  }

  private static String roundVariable(String stageKey) {
    return stageKey + "ClockRound";
  }

  private static int cycle(DelegateExecution execution) {
    Object cycle = execution.getVariable("cycle");
    return cycle == null ? 1 : ((Number) cycle).intValue();
  }

  private void start(DelegateExecution execution, SlaStage stage) {
    StagePolicy policy = StagePolicy.read(execution, stage);
    // a business-hours policy counts the working time of the team that owns the lead now
    TeamCalendar calendar = policy.businessHours()
        ? teams.calendarOf((String) execution.getVariable("ownerGroup")) : TeamCalendar.ALWAYS;
    SlaDeadlines deadlines = clock.deadlines(ClockUtil.getCurrentTime().toInstant(), calendar,
        policy.sla(), policy.warnBefore(), policy.managerDelay(), policy.executiveDelay(), policy.expireAfter());
    execution.setVariable("slaStartedAt", Date.from(deadlines.startedAt()));
    execution.setVariable("slaDeadline", Date.from(deadlines.deadline()));
    execution.setVariable("slaWarningAt", Date.from(deadlines.warningAt()));
    execution.setVariable("slaBreachAt", Date.from(deadlines.breachAt()));
    execution.setVariable("slaExecutiveAt", Date.from(deadlines.executiveAt()));
    execution.setVariable("slaExpiresAt", Date.from(deadlines.expiresAt()));
    int round = execution.getVariable(roundVariable(stage.key())) == null ? 1 : round(execution) + 1;
    execution.setVariable(roundVariable(stage.key()), round);
    log.started(new SlaClockLog.ClockRun(execution.getBusinessKey(), cycle(execution), stage.key(), round,
        (String) execution.getVariable("owner"), (String) execution.getVariable("ownerGroup"),
        deadlines.startedAt(), deadlines.deadline()));
  }
}

package io.leadsla.sla;

import io.leadsla.clock.DeadlineClock;
import io.leadsla.clock.SlaDeadlines;
import io.leadsla.clock.TeamCalendar;
import io.leadsla.clock.WorkingTime;
import io.leadsla.team.Teams;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
  private final SlaPolicyDecision policy;

  StageClock(DeadlineClock clock, SlaClockLog log, Teams teams, SlaPolicyDecision policy) {
    this.clock = clock;
    this.log = log;
    this.teams = teams;
    this.policy = policy;
  }

  public void startStage(DelegateExecution execution, String stageKey) {
    SlaStage stage = SlaStage.of(stageKey);
    if (!StagePolicy.isKept(execution, stage)) {
      // the stage's first start (not a new owner's): its policy as deployed now
      policy.decideStage(execution, stage);
    }
    execution.setVariable("stage", stage.key());
    execution.setVariable("slaExtended", false);
    // a manager's choice on an earlier stage must not pre-fill the next intervention form
    execution.removeVariable("intervention");
    // the first response clock counts from the lead's arrival, however long its start waited in the job queue
    Object arrivedAt = execution.getVariable("arrivedAt");
    boolean firstResponse = stage == SlaStage.RESPONSE && execution.getVariable(roundVariable(stage.key())) == null;
    start(execution, stage, null, firstResponse && arrivedAt instanceof Date arrival
        ? arrival.toInstant() : ClockUtil.getCurrentTime().toInstant());
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

  /**
   * "Pause the clock": the lead asked to wait until a follow-up date. The working time left until the deadline
   * is kept; the clock resumes with it at the team's opening on that date. The pause is recorded for managers.
   */
  public void pause(DelegateExecution execution) {
    SlaStage stage = SlaStage.of((String) execution.getVariable("stage"));
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant deadline = ((Date) execution.getVariable("slaDeadline")).toInstant();
    Duration remaining = calendar(execution, StagePolicy.read(execution, stage)).workingTimeBetween(now, deadline);
    TeamCalendar team = teams.calendarOf((String) execution.getVariable("ownerGroup"));
    LocalDate followUp = LocalDate.parse(((String) execution.getVariable("pauseUntil")).substring(0, 10));
    Instant resumeAt = team.nextWorkingMoment(followUp.atStartOfDay(team.zone()).toInstant());
    execution.setVariable("slaRemaining", remaining.toString());
    execution.setVariable("pauseEndsAt", Date.from(resumeAt));
    log.paused(execution.getBusinessKey(), cycle(execution), stage.key(), round(execution),
        (String) execution.getVariable("owner"),
        (String) execution.getVariable("ownerGroup"), now, resumeAt, (String) execution.getVariable("pauseReason"));
  }

  /** "Resume the clock": a new run of the stage's clock with the working time that was left. */
  public void resume(DelegateExecution execution) {
    SlaStage stage = SlaStage.of((String) execution.getVariable("stage"));
    execution.removeVariable("intervention");
    // counted from the follow-up moment itself, however late the job executor got to the timer
    Instant resumedAt = ((Date) execution.getVariable("pauseEndsAt")).toInstant();
    start(execution, stage, WorkingTime.of(Duration.parse((String) execution.getVariable("slaRemaining"))), resumedAt);
  }

  /** A business-hours policy counts the working time of the team that owns the lead now. */
  private TeamCalendar calendar(DelegateExecution execution, StagePolicy policy) {
    return policy.businessHours()
        ? teams.calendarOf((String) execution.getVariable("ownerGroup")) : TeamCalendar.ALWAYS;
  }

  private void start(DelegateExecution execution, SlaStage stage) {
    start(execution, stage, null, ClockUtil.getCurrentTime().toInstant());
  }

  private void start(DelegateExecution execution, SlaStage stage, WorkingTime slaOverride, Instant startAt) {
    StagePolicy policy = StagePolicy.read(execution, stage);
    SlaDeadlines deadlines = clock.deadlines(startAt, calendar(execution, policy),
        slaOverride != null ? slaOverride : policy.sla(), policy.warnBefore(), policy.managerDelay(),
        policy.executiveDelay(), policy.expireAfter());
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

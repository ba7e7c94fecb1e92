package io.leadsla.sla;

import io.leadsla.clock.DeadlineClock;
import io.leadsla.clock.SlaDeadlines;
import io.leadsla.clock.TeamCalendar;
import io.leadsla.clock.WorkingTime;
import io.leadsla.lead.CycleVariables;
import io.leadsla.lead.LeadOfCycle;
import io.leadsla.lead.LeadStore.CycleLead;
import io.leadsla.sla.SlaClockLog.ClockRun;
import io.leadsla.team.Teams;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.instance.TimeDate;
import org.springframework.stereotype.Component;

/**
 * A stage's clock. Each run (the stage's start, a new owner, an extension, the end of a pause) is a row of
 * {@link SlaClockLog} with its policy and deadlines; the SlaStage instance keeps only the stage's name. The
 * stage's timers and due dates read the run through {@link #warningAt} and the like: the run just started, in
 * the transaction that starts it, or its row later.
 */
@Component("slaClock")
public class StageClock {

  /** Transient variables (never stored): the deadlines of the run started in this transaction, for its timers. */
  private static final String WARNING_AT = "runWarningAt";
  private static final String BREACH_AT = "runBreachAt";
  private static final String EXECUTIVE_AT = "runExecutiveAt";
  private static final String EXPIRES_AT = "runExpiresAt";
  private static final String DEADLINE = "runDeadline";
  /** LeadCycle versions from before clock runs kept the deadlines read their timers from variables like this. */
  private static final String LEGACY_WARNING_AT = "slaWarningAt";

  private final DeadlineClock clock;
  private final SlaClockLog log;
  private final Teams teams;
  private final SlaPolicyDecision policy;
  private final LeadOfCycle leads;
  /** Per process definition: whether its timers read the deadlines from variables (versions before clock runs). */
  private final Map<String, Boolean> readsDeadlineVariables = new ConcurrentHashMap<>();

  StageClock(DeadlineClock clock, SlaClockLog log, Teams teams, SlaPolicyDecision policy, LeadOfCycle leads) {
    this.leads = leads;
    this.clock = clock;
    this.log = log;
    this.teams = teams;
    this.policy = policy;
  }

  /** The stage starts, or starts again for a new owner: a fresh clock, its policy decided on the first start. */
  public void startStage(DelegateExecution execution, String stageKey) {
    SlaStage stage = SlaStage.of(stageKey);
    Optional<ClockRun> last = log.latest(execution.getBusinessKey(), CycleVariables.cycle(execution), stage.key());
    // the stage's first start reads the lead once, for its policy and (response) its arrival
    CycleLead lead = last.isEmpty() ? leads.of(execution) : null;
    StagePolicy stagePolicy = last.map(ClockRun::policy)
        .or(() -> StagePolicy.isKept(execution, stage) ? Optional.of(StagePolicy.read(execution, stage))
            : Optional.empty())
        .orElseGet(() -> policy.decideStage(execution, stage, lead != null ? lead : leads.of(execution)));
    execution.setVariable("stage", stage.key());
    // a manager's choice on an earlier stage must not pre-fill the next intervention form
    execution.removeVariable("intervention");
    if (execution.hasVariable("slaExtended")) {
      // instances from before clock runs kept the extension: a new stage or owner may be extended once again
      execution.setVariable("slaExtended", false);
    }
    // the first response clock counts from the lead's arrival, however long its start waited in the job queue
    boolean firstResponse = stage == SlaStage.RESPONSE && last.isEmpty();
    start(execution, stage, stagePolicy, last, null, firstResponse
        ? lead.arrivedAt() : ClockUtil.getCurrentTime().toInstant(), false);
  }

  /** A manager granted one extension: the owner gets a full SLA from now. */
  public void extend(DelegateExecution execution) {
    ClockRun current = current(execution);
    // instances from before clock runs kept it have the extension in a variable
    if (current.extended() || Boolean.TRUE.equals(execution.getVariable("slaExtended"))) {
      throw new IllegalStateException("The " + current.stage() + " SLA was already extended once");
    }
    start(execution, SlaStage.of(current.stage()), policyOf(execution, current), Optional.of(current), null,
        ClockUtil.getCurrentTime().toInstant(), true);
  }

  /** End listener of a stage sub-process, whichever way it ends (done, reassigned, extended, disposition, expiry). */
  public void stageEnded(DelegateExecution execution) {
    log.ended(execution.getBusinessKey(), CycleVariables.cycle(execution), CycleVariables.stage(execution),
        ClockUtil.getCurrentTime().toInstant());
  }

  /** The current stage's latest run of its clock. */
  public ClockRun current(DelegateExecution execution) {
    String stage = CycleVariables.stage(execution);
    return log.latest(execution.getBusinessKey(), CycleVariables.cycle(execution), stage).orElseThrow(() ->
        new IllegalStateException("Lead " + execution.getBusinessKey() + " has no " + stage + " clock"));
  }

  /** The SLA deadline: the due date of the stage's work task. */
  public Date deadline(DelegateExecution execution) {
    return startedNow(execution, DEADLINE).orElseGet(() -> Date.from(current(execution).deadline()));
  }

  public Date warningAt(DelegateExecution execution) {
    return startedNow(execution, WARNING_AT).orElseGet(() -> Date.from(current(execution).warningAt()));
  }

  public Date breachAt(DelegateExecution execution) {
    return startedNow(execution, BREACH_AT).orElseGet(() -> Date.from(current(execution).breachAt()));
  }

  public Date executiveAt(DelegateExecution execution) {
    return startedNow(execution, EXECUTIVE_AT).orElseGet(() -> Date.from(current(execution).executiveAt()));
  }

  public Date expiresAt(DelegateExecution execution) {
    return startedNow(execution, EXPIRES_AT).orElseGet(() -> Date.from(current(execution).expiresAt()));
  }

  /** A deadline of the run started in this transaction; a stored variable of that name (say, a form's) is not one. */
  private static Optional<Date> startedNow(DelegateExecution execution, String name) {
    TypedValue value = execution.getVariableTyped(name);
    return value != null && value.isTransient() && value.getValue() instanceof Date at ? Optional.of(at)
        : Optional.empty();
  }

  /** The run's policy; runs started before clock runs kept it have it in the instance's variables. */
  public static StagePolicy policyOf(DelegateExecution execution, ClockRun run) {
    return run.policy() != null ? run.policy() : StagePolicy.read(execution, SlaStage.of(run.stage()));
  }


  /**
   * "Pause the clock": the lead asked to wait until a follow-up date. The working time left until the deadline
   * is kept; the clock resumes with it at the team's opening on that date. The pause is recorded for managers.
   */
  public void pause(DelegateExecution execution) {
    ClockRun current = current(execution);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Duration remaining = calendar(execution, policyOf(execution, current)).workingTimeBetween(now, current.deadline());
    TeamCalendar team = teams.calendarOf(CycleVariables.ownerGroup(execution));
    LocalDate followUp = LocalDate.parse(((String) execution.getVariable("pauseUntil")).substring(0, 10));
    Instant resumeAt = team.nextWorkingMoment(followUp.atStartOfDay(team.zone()).toInstant());
    execution.setVariable("slaRemaining", remaining.toString());
    execution.setVariable("pauseEndsAt", Date.from(resumeAt));
    log.paused(execution.getBusinessKey(), current.cycle(), current.stage(), current.round(),
        CycleVariables.owner(execution),
        CycleVariables.ownerGroup(execution), now, resumeAt, (String) execution.getVariable("pauseReason"));
  }

  /** "Resume the clock": a new run of the stage's clock with the working time that was left. */
  public void resume(DelegateExecution execution) {
    ClockRun paused = current(execution);
    execution.removeVariable("intervention");
    // counted from the follow-up moment itself, however late the job executor got to the timer
    Instant resumedAt = ((Date) execution.getVariable("pauseEndsAt")).toInstant();
    start(execution, SlaStage.of(paused.stage()), policyOf(execution, paused), Optional.of(paused),
        WorkingTime.of(Duration.parse((String) execution.getVariable("slaRemaining"))), resumedAt, paused.extended());
  }

  /** A business-hours policy counts the working time of the team that owns the lead now. */
  private TeamCalendar calendar(DelegateExecution execution, StagePolicy policy) {
    return policy.businessHours()
        ? teams.calendarOf(CycleVariables.ownerGroup(execution)) : TeamCalendar.ALWAYS;
  }

  /**
   * When a run's clock starts counting: at once, except that a round-the-clock SLA counts only while the team
   * that owns the lead is at work. A lead that reaches its team after hours (no after-hours team at work took it,
   * see Teams.teamFor) starts its clock when the team opens, so the rep is not in breach overnight and the
   * lead's acknowledgement names the same time as the rep's deadline.
   */
  private Instant countsFrom(DelegateExecution execution, StagePolicy policy, Instant startAt) {
    return policy.businessHours() ? startAt
        : teams.calendarOf(CycleVariables.ownerGroup(execution)).nextWorkingMoment(startAt);
  }

  private void start(DelegateExecution execution, SlaStage stage, StagePolicy policy, Optional<ClockRun> last,
      WorkingTime slaOverride, Instant startAt, boolean extended) {
    SlaDeadlines deadlines = clock.deadlines(countsFrom(execution, policy, startAt), calendar(execution, policy),
        slaOverride != null ? slaOverride : policy.sla(), policy.warnBefore(), policy.managerDelay(),
        policy.executiveDelay(), policy.expireAfter());
    ClockRun run = new ClockRun(execution.getBusinessKey(), CycleVariables.cycle(execution), stage.key(),
        last.map(ClockRun::round).orElse(0) + 1, CycleVariables.owner(execution),
        CycleVariables.ownerGroup(execution), deadlines.startedAt(), deadlines.deadline(),
        deadlines.warningAt(), deadlines.breachAt(), deadlines.executiveAt(), deadlines.expiresAt(), extended,
        last.map(ClockRun::reassignments).orElse(0), policy);
    log.started(run);
    if (LeadCycleProcess.KEY.equals(processKey(execution))) {
      // a stage of a LeadCycle version from before SlaStage: its task's due date and forms read this variable
      execution.setVariable("slaDeadline", Date.from(deadlines.deadline()));
    }
    // a stored variable of one of these names (nothing of ours stores one) would refuse the transient value
    List.of(DEADLINE, WARNING_AT, BREACH_AT, EXECUTIVE_AT, EXPIRES_AT).forEach(execution::removeVariable);
    execution.setVariable(DEADLINE, Variables.dateValue(Date.from(deadlines.deadline()), true));
    execution.setVariable(WARNING_AT, Variables.dateValue(Date.from(deadlines.warningAt()), true));
    execution.setVariable(BREACH_AT, Variables.dateValue(Date.from(deadlines.breachAt()), true));
    execution.setVariable(EXECUTIVE_AT, Variables.dateValue(Date.from(deadlines.executiveAt()), true));
    execution.setVariable(EXPIRES_AT, Variables.dateValue(Date.from(deadlines.expiresAt()), true));
    if (readsDeadlineVariables(execution)) {
      // a lead of an earlier LeadCycle version: its stage's timers still read these variables
      execution.setVariable(LEGACY_WARNING_AT, Date.from(deadlines.warningAt()));
      execution.setVariable("slaBreachAt", Date.from(deadlines.breachAt()));
      execution.setVariable("slaExecutiveAt", Date.from(deadlines.executiveAt()));
      execution.setVariable("slaExpiresAt", Date.from(deadlines.expiresAt()));
    }
  }

  private static String processKey(DelegateExecution execution) {
    return ((ExecutionEntity) execution).getProcessDefinition().getKey();
  }

  private boolean readsDeadlineVariables(DelegateExecution execution) {
    Boolean reads = readsDeadlineVariables.get(execution.getProcessDefinitionId());
    if (reads == null) {
      // not computeIfAbsent: the model may have to be read from the database, and no map lock is held meanwhile
      reads = execution.getBpmnModelInstance().getModelElementsByType(TimeDate.class).stream()
          .anyMatch(time -> time.getTextContent().contains(LEGACY_WARNING_AT));
      readsDeadlineVariables.putIfAbsent(execution.getProcessDefinitionId(), reads);
    }
    return reads;
  }
}

package io.leadsla.intake;

import io.leadsla.lead.InvalidInputException;
import io.leadsla.lead.LeadFields;
import io.leadsla.lead.LeadStore;
import io.leadsla.metrics.SlaCounters;
import io.leadsla.sla.LeadCycleProcess;
import java.time.Instant;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way in. Every lead, however it arrives (JSON API, public form, CSV row, Tasklist start form, the
 * engine's REST API, a nurtured lead coming back), is accepted here: found or created by its e-mail address under
 * a row lock, held to the one-open-cycle rule, its cycle and submission recorded with the arrival time. That
 * commits with the start of its LeadCycle instance, which stops right after "Check and complete lead"
 * (asyncAfter): policy, routing, the stage's clock and mails continue as a job, so a burst of leads becomes rows
 * and jobs in the database, not blocked request threads.
 */
@Service
public class LeadIntakeService {

  /** The lead {@link #submit} holds locked while its instance starts (a key of the transaction's resources). */
  private static final Object LOCKED_LEAD = new Object();

  /** A lead that asks again while being worked is hotter than before. */
  static final int RESUBMISSION_BONUS = 10;
  private static final Pattern LEAD_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

  /** A cycle intake opened: the lead, its cycle number, whether the lead had cycles before. */
  public record OpenedCycle(String leadId, int cycle, boolean returning) {}

  private final LeadStore store;
  private final LeadSubmissions submissions;
  private final RuntimeService runtimeService;
  private final SlaCounters meters;

  LeadIntakeService(LeadStore store, LeadSubmissions submissions, RuntimeService runtimeService, SlaCounters meters) {
    this.store = store;
    this.submissions = submissions;
    this.runtimeService = runtimeService;
    this.meters = meters;
  }

  /**
   * A lead from the API, the public form or a CSV row: starts its next cycle, or, while a cycle is open, tells
   * that cycle's owner of the new interest and raises the score.
   */
  @Transactional
  public IntakeResult submit(LeadFields lead, String channel) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    LeadStore.StoredLead stored = store.lockOrCreate(lead, null, now);
    if (stored.cycleOpen()) {
      int score = Math.min(100, Math.max(stored.score(), lead.score()) + RESUBMISSION_BONUS);
      store.refresh(stored.id(), lead, score, now);
      String instance = store.openCycleInstance(stored.id()).orElseThrow();
      runtimeService.setVariable(instance, "newInterest",
          "Asked again via " + channel + " (" + lead.source() + ") at " + now);
      submissions.record(stored.id(), stored.lastCycle(), channel, IntakeResult.Outcome.ABSORBED, now, null);
      return new IntakeResult(stored.id(), stored.lastCycle(), IntakeResult.Outcome.ABSORBED, instance);
    }
    VariableMap variables = lead.toStartVariables()
        .putValueTyped(LeadCycleIntake.CHANNEL, Variables.stringValue(channel, true));
    // the instance's first step comes back to openCycle below, in this transaction and under this lead's lock,
    // which it need not take and read again
    ProcessInstance instance;
    TransactionSynchronizationManager.bindResource(LOCKED_LEAD, stored);
    try {
      instance = runtimeService.createMessageCorrelation(LeadCycleProcess.MESSAGE_LEAD_SUBMITTED)
          .processInstanceBusinessKey(stored.id())
          .setVariables(variables)
          .correlateStartMessage();
    } finally {
      TransactionSynchronizationManager.unbindResourceIfPossible(LOCKED_LEAD);
    }
    return new IntakeResult(stored.id(), stored.lastCycle() + 1,
        stored.lastCycle() == 0 ? IntakeResult.Outcome.CREATED : IntakeResult.Outcome.REENGAGED, instance.getId());
  }

  /**
   * The first step of every LeadCycle instance: finds or creates the lead (by {@code leadId} if the start named
   * one, else by e-mail) and opens its next cycle for this instance. A lead that already has an open cycle is
   * refused, and with it the start: no instance, no cycle, no mail. {@code enteredBy}: the user of a Tasklist
   * start, else null.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public OpenedCycle openCycle(LeadFields lead, String leadId, String processInstanceId, String channel,
      String enteredBy) {
    if (leadId != null && !LEAD_ID.matcher(leadId).matches()) {
      throw new InvalidInputException("lead id '" + leadId + "' may hold letters, digits and . _ : - only");
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    LeadStore.StoredLead held = (LeadStore.StoredLead) TransactionSynchronizationManager.getResource(LOCKED_LEAD);
    LeadStore.StoredLead stored = held != null && held.id().equals(leadId) ? held
        : leadId == null ? store.lockOrCreate(lead, null, now)
        : store.lockById(leadId).orElseGet(() -> store.lockOrCreate(lead, leadId, now));
    if (!stored.email().equals(lead.email())) {
      // a start naming a lead by its id must be that lead: numbered ids are easy to guess
      throw new InvalidInputException("lead id '" + stored.id() + "' belongs to another e-mail address");
    }
    if (stored.cycleOpen()) {
      throw new InvalidInputException("lead " + stored.id() + " (" + lead.email() + ") already has an open cycle");
    }
    boolean returning = stored.lastCycle() > 0;
    if (returning) {
      store.refresh(stored.id(), lead, lead.score(), now);
    }
    int cycle = stored.lastCycle() + 1;
    store.beginCycle(stored.id(), cycle, processInstanceId, lead.source(), lead.message(), now);
    submissions.record(stored.id(), cycle, channel,
        returning ? IntakeResult.Outcome.REENGAGED : IntakeResult.Outcome.CREATED, now, enteredBy);
    meters.leadIn(lead.source());
    return new OpenedCycle(stored.id(), cycle, returning);
  }
}

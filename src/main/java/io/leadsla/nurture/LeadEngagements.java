package io.leadsla.nurture;

import io.leadsla.lead.LeadStore;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Engagement points for a lead: recorded, added to the score, shown on the open cycle or the nurture instance,
 * and, when a nurtured lead's score reaches the policy's threshold, the start of its next cycle.
 */
@Service
public class LeadEngagements {

  public enum Outcome {
    /** The lead is being worked: its open cycle shows the new score. */
    ADDED_TO_OPEN_CYCLE,
    /** The lead stays in nurture, below the threshold. */
    NURTURING,
    /** The score reached the threshold: the next cycle started. */
    REENGAGED,
    /** The lead is neither worked nor nurtured (e.g. unqualified): the points are kept for its next cycle. */
    RECORDED
  }

  public record Result(String leadId, int score, Outcome outcome, int cycle, String processInstanceId,
      Integer reengageScore) {}

  static final int MAX_SCORE = 100;

  private final LeadStore store;
  private final RuntimeService runtimeService;
  private final JdbcTemplate jdbc;

  LeadEngagements(LeadStore store, RuntimeService runtimeService, JdbcTemplate jdbc) {
    this.store = store;
    this.runtimeService = runtimeService;
    this.jdbc = jdbc;
  }

  /** Empty if there is no such lead. The lead's row stays locked until commit, so engagements of one lead queue. */
  @Transactional
  public Optional<Result> record(String leadId, EngagementEvent event) {
    Optional<LeadStore.StoredLead> found = store.lockById(leadId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    LeadStore.StoredLead lead = found.get();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    int score = Math.min(MAX_SCORE, lead.score() + event.points());
    store.updateScore(leadId, score, now);
    jdbc.update("INSERT INTO lead_engagement (id, lead_id, points, activity, occurred_at, recorded_at, score_after) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(), leadId, event.points(), event.activity(), Timestamp.from(event.occurredAt()),
        Timestamp.from(now), score);

    if (lead.cycleOpen()) {
      String instance = store.openCycleInstance(leadId).orElseThrow();
      runtimeService.setVariable(instance, LeadNurture.SCORE, score);
      return Optional.of(new Result(leadId, score, Outcome.ADDED_TO_OPEN_CYCLE, lead.lastCycle(), instance, null));
    }
    ProcessInstance nurture = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(LeadNurtureProcess.KEY).processInstanceBusinessKey(leadId).singleResult();
    if (nurture == null) {
      return Optional.of(new Result(leadId, score, Outcome.RECORDED, lead.lastCycle(), null, null));
    }
    int threshold = (Integer) runtimeService.getVariable(nurture.getId(), LeadNurture.REENGAGE_SCORE);
    if (score < threshold) {
      runtimeService.setVariable(nurture.getId(), LeadNurture.SCORE, score);
      return Optional.of(new Result(leadId, score, Outcome.NURTURING, lead.lastCycle(), nurture.getId(), threshold));
    }
    runtimeService.createMessageCorrelation(LeadNurtureProcess.MESSAGE_LEAD_ENGAGED)
        .processInstanceId(nurture.getId())
        .setVariable(LeadNurture.SCORE, score)
        .correlate();
    String next = store.openCycleInstance(leadId)
        .orElseThrow(() -> new IllegalStateException("lead " + leadId + " re-engaged but no cycle started"));
    return Optional.of(new Result(leadId, score, Outcome.REENGAGED, lead.lastCycle() + 1, next, threshold));
  }
}

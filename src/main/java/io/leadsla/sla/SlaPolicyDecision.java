package io.leadsla.sla;

import io.leadsla.lead.LeadFields;
import io.leadsla.lead.LeadOfCycle;
import io.leadsla.lead.LeadStore.CycleLead;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.instance.Text;
import org.springframework.stereotype.Component;

/**
 * The latest deployed LeadSlaPolicy decision, given the lead's {@code source} and {@code score} and nothing else,
 * decides one row per stage: "Decide SLA policy" keeps the tier and cadence when the lead starts, and each stage
 * keeps its own row when it starts ({@link StageClock#startStage}), so a lead carries one stage's policy at a time.
 *
 * <p>Because the decision sees only those two values, its answer is a function of them and of the deployed
 * version, and it is kept per version: FEEL evaluation of the table was a fifth of the CPU time of a new lead's
 * start under a burst (DrainBenchmark). A new version of the table is used by the next lead that starts. A table
 * that asks for the time of day ({@code now()}, {@code today()}) is evaluated every time.
 */
@Component("slaPolicy")
class SlaPolicyDecision implements JavaDelegate {

  static final String DECISION_KEY = "LeadSlaPolicy";
  private static final Pattern CLOCK_FUNCTION = Pattern.compile("\\b(now|today)\\s*\\(");

  private final SlaPolicyVariables policyVariables;
  private final LeadOfCycle leads;
  private volatile Decided decided;

  SlaPolicyDecision(SlaPolicyVariables policyVariables, LeadOfCycle leads) {
    this.policyVariables = policyVariables;
    this.leads = leads;
  }

  /** "Decide SLA policy" at the lead's start: its tier and cadence, every stage's row checked. */
  @Override
  public void execute(DelegateExecution execution) {
    policyVariables.storeTier(execution, rows(execution, leads.of(execution).fields()));
  }

  /** When a stage starts: that stage's policy, from the version deployed now. */
  StagePolicy decideStage(DelegateExecution execution, SlaStage stage, CycleLead lead) {
    return policyVariables.stagePolicy(execution, rows(execution, lead.fields()), stage,
        LeadOfCycle.tierOf(lead, execution));
  }

  private List<Map<String, Object>> rows(DelegateExecution execution, LeadFields lead) {
    Object source = lead.source();
    Object score = lead.score();
    ProcessEngineServices engine = execution.getProcessEngineServices();
    // the policy is the system's, not the user's who happens to run the job: no authorization check
    return Context.getCommandContext().runWithoutAuthorization(() -> {
      DecisionDefinition latest = engine.getRepositoryService().createDecisionDefinitionQuery()
          .decisionDefinitionKey(DECISION_KEY).withoutTenantId().latestVersion().singleResult();
      if (latest == null) {
        throw new IllegalStateException("No decision " + DECISION_KEY + " is deployed");
      }
      Decided current = decided;
      if (current == null || !current.definitionId().equals(latest.getId())) {
        current = new Decided(latest.getId(), timeIndependent(engine, latest.getId()));
        decided = current;
      }
      if (!current.keep()) {
        return evaluate(engine, latest.getId(), source, score);
      }
      // not computeIfAbsent: the evaluation may read the database, and no map lock is held meanwhile
      List<String> inputs = List.of(String.valueOf(source), String.valueOf(score));
      List<Map<String, Object>> known = current.rows().get(inputs);
      if (known == null) {
        known = evaluate(engine, latest.getId(), source, score);
        current.rows().putIfAbsent(inputs, known);
      }
      return known;
    });
  }

  private static List<Map<String, Object>> evaluate(ProcessEngineServices engine, String definitionId,
      Object source, Object score) {
    return engine.getDecisionService().evaluateDecisionById(definitionId)
        .variables(Variables.createVariables().putValue("source", source).putValue("score", score))
        .evaluate().getResultList().stream().map(row -> Collections.unmodifiableMap(new HashMap<>(row))).toList();
  }

  private static boolean timeIndependent(ProcessEngineServices engine, String definitionId) {
    return engine.getRepositoryService().getDmnModelInstance(definitionId).getModelElementsByType(Text.class)
        .stream().noneMatch(text -> text.getTextContent() != null
            && CLOCK_FUNCTION.matcher(text.getTextContent()).find());
  }

  /** The rows decided so far by one deployed version, per (source, score); kept only if it reads no clock. */
  private record Decided(String definitionId, boolean keep, Map<List<String>, List<Map<String, Object>>> rows) {
    Decided(String definitionId, boolean keep) {
      this(definitionId, keep, new ConcurrentHashMap<>());
    }
  }
}
